import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The ONE owner of the HTTP `upgrade` event (DESIGN.md §7). socket.io and @fastify/websocket both want
 * every upgrade and break each other when both listen; here each path prefix goes to exactly one of them,
 * and anything else is refused.
 */
export function dispatchUpgrades(server: Server, routes: Record<string, UpgradeHandler>): () => void {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const prefix = prefixes.find((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));
    if (!prefix) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    routes[prefix]!(req, socket, head);
  };
  server.on('upgrade', onUpgrade);
  return () => server.off('upgrade', onUpgrade);
}
