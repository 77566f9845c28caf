import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
  TicketEventPayload,
} from '../../server/realtime/realtime.contract.js';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A console's socket as the browser opens it, recording every ticket event it gets. */
export function openConsole(
  url: string,
  auth: { token?: string; lastSeq?: number },
  extra: { cookie?: string } = {},
) {
  const events: TicketEventPayload[] = [];
  const socket: ConsoleSocket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(extra.cookie ? { extraHeaders: { cookie: extra.cookie } } : {}),
  });
  socket.on('ticket:event', (e) => events.push(e));
  const ready = new Promise<{ lastSeq: number; replayed: number }>((resolve, reject) => {
    socket.once('sync:ready', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, events, ready };
}

/** Resolves when `predicate` holds, polling briefly; fails after `ms`. */
export async function until(predicate: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
