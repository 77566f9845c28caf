import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import type { CallsService } from '../calls/calls.service.js';
import type { GatewayLink } from '../calls/cti.link.js';
import { ctiRoutes } from '../calls/cti.routes.js';
import { dispatchUpgrades } from '../core/upgrade.js';
import type { WriteBatcher } from '../core/write-batch.js';
import type { Realtime } from './realtime.service.js';

/**
 * Both websocket stacks on the app's one port: `/socket.io/` to socket.io (browsers), `/cti` to
 * @fastify/websocket (the telephony gateway), through the single upgrade dispatcher.
 */
export async function realtimePlugin(
  app: FastifyInstance,
  opts: {
    realtime: Realtime;
    ctiToken: string | null;
    calls: CallsService;
    link: GatewayLink;
    batcher: WriteBatcher;
  },
) {
  const { realtime } = opts;
  const ctiUpgrades = new EventEmitter();
  await app.register(ctiRoutes, {
    token: opts.ctiToken,
    upgrades: ctiUpgrades,
    calls: opts.calls,
    link: opts.link,
    batcher: opts.batcher,
  });

  // socket.io's HTTP long-polling fallback; browsers normally go straight to the websocket.
  app.route({
    method: ['GET', 'POST'],
    url: '/socket.io/',
    config: { public: true },
    schema: { hide: true },
    handler: (request, reply) => {
      reply.hijack();
      realtime.engine.handleRequest(request.raw as never, reply.raw as never);
    },
  });

  const stop = dispatchUpgrades(app.server, {
    '/socket.io/': (req, socket, head) => realtime.engine.handleUpgrade(req as never, socket as never, head),
    '/cti': (req, socket, head) => ctiUpgrades.emit('upgrade', req, socket, head),
  });
  app.addHook('preClose', async () => {
    stop();
    await realtime.close();
  });
}
