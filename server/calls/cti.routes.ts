import type { EventEmitter } from 'node:events';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { unauthorized } from '../core/errors.js';
import { constantTimeEqual } from '../core/security.js';
import type { WriteBatcher } from '../core/write-batch.js';
import { type CallsService, FrameRefused } from './calls.service.js';
import type { GatewayLink } from './cti.link.js';
import { parseFrame } from './cti.protocol.js';

/**
 * `ws(s)://host/cti`: the telephony gateway (DESIGN.md §6), authenticated with its bearer token at the
 * upgrade. Upgrades reach it only through the upgrade dispatcher (`upgrades`). A malformed or unknown
 * frame is answered with `{"type":"error","reason":…}` and ignored; it never closes the connection.
 */
export async function ctiRoutes(
  app: FastifyInstance,
  opts: {
    token: string | null;
    upgrades: EventEmitter;
    calls: CallsService;
    link: GatewayLink;
    batcher: Pick<WriteBatcher, 'run'>;
  },
) {
  await app.register(websocket, {
    options: { server: opts.upgrades as never, maxPayload: 64 * 1024 },
    // The ws library refuses a frame it cannot take (over maxPayload, bad opcode, bad UTF-8) with an error
    // on the socket, and the connection is closed (1009, 1002, 1007). That is the gateway misbehaving, not the
    // server failing: a warning, not an error.
    errorHandler: (error, socket, request) => {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('WS_ERR_')) {
        request.log.warn({ code, message: error.message }, 'telephony gateway sent a frame refused by ws');
      } else {
        request.log.error({ err: error }, 'telephony gateway socket failed');
      }
      socket.terminate();
    },
  });
  app.get(
    '/cti',
    {
      websocket: true,
      config: { public: true },
      schema: { hide: true },
      preValidation: async (request) => {
        const header = request.headers.authorization ?? '';
        const given = header.startsWith('Bearer ') ? header.slice(7) : '';
        if (!opts.token || !given || !constantTimeEqual(given, opts.token))
          throw unauthorized('CTI gateway token required');
      },
    },
    (socket, request) => {
      request.log.info('telephony gateway connected');
      opts.link.attach(socket);
      socket.on('message', (data: Buffer) => {
        const parsed = parseFrame(data.toString('utf8'));
        if (!parsed.ok) {
          socket.send(JSON.stringify({ type: 'error', reason: parsed.reason }));
          return;
        }
        const frame = parsed.frame;
        // Frames that arrive together are handled in one shared transaction (group commit).
        opts.batcher
          .run(() => opts.calls.handle(frame))
          .catch((err: unknown) => {
            if (err instanceof FrameRefused) {
              request.log.warn({ type: frame.type, reason: err.message }, 'cti frame refused');
              socket.send(JSON.stringify({ type: 'error', reason: err.message }));
              return;
            }
            request.log.error({ err }, 'cti frame failed');
          });
      });
      socket.on('close', () => {
        opts.link.detach(socket);
        request.log.info('telephony gateway disconnected');
      });
    },
  );
}
