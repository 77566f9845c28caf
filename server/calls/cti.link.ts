import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { GatewayCommandFrame } from './cti.protocol.js';

interface Socketish {
  readyState: number;
  send(data: string): void;
}

interface Pending {
  frame: GatewayCommandFrame & { cmdId: string };
  tries: number;
  timer: NodeJS.Timeout | null;
}

const OPEN = 1;

/**
 * The server's side of the gateway connection: every command gets a `cmdId` and waits for its `ack`;
 * one not acknowledged in time is sent again, and a gateway that reconnects gets what is still pending,
 * in the order it was first sent.
 */
export function createGatewayLink(deps: { ackTimeoutMs: number; maxTries: number; log: FastifyBaseLogger }) {
  let socket: Socketish | null = null;
  const pending = new Map<string, Pending>();

  function transmit(p: Pending): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = null;
    if (!socket || socket.readyState !== OPEN) return;
    p.tries += 1;
    socket.send(JSON.stringify(p.frame));
    p.timer = setTimeout(() => {
      if (!pending.has(p.frame.cmdId)) return;
      if (p.tries >= deps.maxTries) {
        deps.log.warn(
          { cmdId: p.frame.cmdId, type: p.frame.type },
          'cti command never acknowledged; dropped',
        );
        pending.delete(p.frame.cmdId);
        return;
      }
      transmit(p);
    }, deps.ackTimeoutMs);
    p.timer.unref();
  }

  return {
    /** The gateway connected (a new connection replaces an old one): resend what is pending. */
    attach(ws: Socketish): void {
      socket = ws;
      for (const p of pending.values()) transmit(p);
    },
    detach(ws: Socketish): void {
      if (socket === ws) socket = null;
    },
    connected: () => socket !== null && socket.readyState === OPEN,
    /** Sends a command (now, or when the gateway is back); returns its cmdId. */
    send(command: GatewayCommandFrame): string {
      const cmdId = randomUUID();
      const p: Pending = { frame: { ...command, cmdId }, tries: 0, timer: null };
      pending.set(cmdId, p);
      transmit(p);
      return cmdId;
    },
    ack(cmdId: string): void {
      const p = pending.get(cmdId);
      if (p?.timer) clearTimeout(p.timer);
      pending.delete(cmdId);
    },
    pendingCount: () => pending.size,
    close(): void {
      for (const p of pending.values()) if (p.timer) clearTimeout(p.timer);
      pending.clear();
      socket = null;
    },
  };
}

export type GatewayLink = ReturnType<typeof createGatewayLink>;
