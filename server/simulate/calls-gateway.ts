import WebSocket from 'ws';
import { clockTime, type Out } from './output.js';

/** A server → gateway command (`cmdId` set) or an `error` frame, as it arrives. */
export interface ServerFrame {
  type: string;
  cmdId?: string;
  callId?: string;
  reason?: string;
  [k: string]: unknown;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;
const SEEN_MAX = 5_000;

/** An error in a few words; a refused connection has an empty message and only a code. */
function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ECONNREFUSED') return 'connection refused (is the server running?)';
  const msg = err instanceof Error ? err.message : String(err);
  return msg || code || 'unknown error';
}

/** `http://host:port` → `ws://host:port/cti` (https → wss). */
export function ctiUrl(url: string): string {
  return `${url.replace(/\/+$/, '').replace(/^http/, 'ws')}/cti`;
}

/**
 * The gateway's end of `/cti`: bearer token at the upgrade, an `ack` for every command (again for a
 * command sent twice, which is handed on only once), frames queued while the connection is down, and
 * reconnection with backoff when it drops. The first connection must succeed: a wrong URL or token
 * rejects at once.
 */
export async function openGatewayLink(opts: {
  url: string;
  token: string;
  out: Out;
  onCommand: (frame: ServerFrame) => void;
  /** After every (re)connection, before queued frames go out (the first: before this resolves). */
  onOpen: (again: boolean) => void;
}) {
  const target = ctiUrl(opts.url);
  const queued: string[] = [];
  const seen = new Set<string>();
  let ws: WebSocket | null = null;
  let closing = false;
  let retryMs = RECONNECT_MIN_MS;
  let retryTimer: NodeJS.Timeout | null = null;
  let everOpen = false;

  const write = (raw: string) => {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(raw);
    else queued.push(raw);
  };

  function onMessage(data: WebSocket.RawData): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data.toString()) as ServerFrame;
    } catch {
      opts.out(`${clockTime(Date.now())} ⚠ server sent something that is not JSON`);
      return;
    }
    if (frame.type === 'error') {
      opts.out(`${clockTime(Date.now())} ⚠ server refused a frame: ${String(frame.reason)}`);
      return;
    }
    if (typeof frame.cmdId !== 'string') return;
    write(JSON.stringify({ type: 'ack', cmdId: frame.cmdId }));
    if (seen.has(frame.cmdId)) return; // sent again (our ack was late or lost): done already
    seen.add(frame.cmdId);
    if (seen.size > SEEN_MAX) seen.delete(seen.values().next().value!);
    opts.onCommand(frame);
  }

  function connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(target, { headers: { authorization: `Bearer ${opts.token}` } });
      let opened = false;
      ws = socket;
      socket.on('message', onMessage);
      socket.once('unexpected-response', (_req, res) => {
        const why =
          res.statusCode === 401
            ? 'the server refused the CTI token (401); check --token'
            : `HTTP ${res.statusCode}`;
        socket.terminate();
        reject(new Error(`${target}: ${why}`));
      });
      socket.once('open', () => {
        opened = true;
        retryMs = RECONNECT_MIN_MS;
        const again = everOpen;
        everOpen = true;
        if (again) opts.out(`${clockTime(Date.now())} reconnected to ${target}`);
        opts.onOpen(again);
        for (const raw of queued.splice(0)) socket.send(raw);
        resolve();
      });
      socket.on('error', (err) => reject(err));
      socket.once('close', () => {
        if (ws === socket) ws = null;
        // A socket that never opened is retried by whoever awaited connect().
        if (closing || !opened) return;
        opts.out(`${clockTime(Date.now())} connection lost; reconnecting in ${retryMs / 1000} s`);
        scheduleReconnect();
      });
    });
  }

  function scheduleReconnect(): void {
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (closing) return;
      connect().catch((err: unknown) => {
        if (closing) return;
        opts.out(
          `${clockTime(Date.now())} reconnect failed (${describe(err)}); ` +
            `again in ${Math.min(retryMs * 2, RECONNECT_MAX_MS) / 1000} s`,
        );
        retryMs = Math.min(retryMs * 2, RECONNECT_MAX_MS);
        scheduleReconnect();
      });
    }, retryMs);
  }

  await connect().catch((err: unknown) => {
    throw new Error(`cannot connect to ${target}: ${describe(err)}`);
  });

  return {
    connected: () => ws !== null && ws.readyState === WebSocket.OPEN,
    /** Sends a frame now, or as soon as the connection is back. */
    send(frame: Record<string, unknown>): void {
      write(JSON.stringify(frame));
    },
    /** Closes after what is already written has gone out; no reconnection after this. */
    async close(): Promise<void> {
      closing = true;
      if (retryTimer) clearTimeout(retryTimer);
      const socket = ws;
      if (!socket || socket.readyState === WebSocket.CLOSED) return;
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          socket.terminate();
          resolve();
        }, 2_000);
        socket.once('close', () => {
          clearTimeout(force);
          resolve();
        });
        if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
        else socket.close(1000, 'simulator stopped');
      });
    },
  };
}

export type GatewayLinkClient = Awaited<ReturnType<typeof openGatewayLink>>;
