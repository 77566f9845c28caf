import { timingSafeEqual } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { unauthorized } from '../core/errors.js';

const equal = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * `ws(s)://host/cti`: the telephony gateway's connection (DESIGN.md §6), authenticated with its bearer token.
 * Upgrades reach it only through the upgrade dispatcher (`upgrades`). The call handling itself (CTI v1
 * frames, IVR, ACD) is the calls module's next step; for now a connected gateway is accepted and logged.
 */
export async function ctiRoutes(
  app: FastifyInstance,
  opts: { token: string | null; upgrades: EventEmitter },
) {
  await app.register(websocket, { options: { server: opts.upgrades as never, maxPayload: 64 * 1024 } });
  app.get(
    '/cti',
    {
      websocket: true,
      config: { public: true },
      preValidation: async (request) => {
        const header = request.headers.authorization ?? '';
        const given = header.startsWith('Bearer ') ? header.slice(7) : '';
        if (!opts.token || !given || !equal(given, opts.token))
          throw unauthorized('CTI gateway token required');
      },
    },
    (socket, request) => {
      request.log.info('telephony gateway connected');
      socket.on('message', (data: Buffer) => {
        request.log.debug({ bytes: data.length }, 'cti frame');
      });
      socket.on('close', () => request.log.info('telephony gateway disconnected'));
    },
  );
}
