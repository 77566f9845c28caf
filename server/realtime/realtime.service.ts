import { and, asc, gt, inArray, sql } from 'drizzle-orm';
import { Server as Engine } from 'engine.io';
import type { FastifyBaseLogger } from 'fastify';
import { Server } from 'socket.io';
import { SESSION_COOKIE } from '../auth/auth.plugin.js';
import type { AuthService, AuthUser } from '../auth/auth.service.js';
import type { Db } from '../core/db.js';
import { prepared, statement } from '../core/prepared.js';
import type { CommitHooks, Committed } from '../tickets/tickets.hooks.js';
import type { TicketsService } from '../tickets/tickets.service.js';
import {
  audienceOf,
  EVERY_EVENT_ROOMS,
  isMaskedRoom,
  roomsOf,
  seesEverything,
  WALLBOARD_ROOMS,
} from './realtime.audience.js';
import type {
  ClientToServerEvents,
  HandshakeAuth,
  ServerToClientEvents,
  WallboardPayload,
} from './realtime.contract.js';
import { eventAudience } from './realtime.tables.js';

type Io = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { user: AuthUser; token: string }
>;

function cookieToken(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name !== SESSION_COOKIE) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      // Not valid percent-encoding (`%E0%A4%A`): no session, not an exception thrown out of the handshake.
      return null;
    }
  }
  return null;
}

/**
 * Live push (DESIGN.md §7): socket.io for the consoles, rooms by role, department and user, every committed
 * ticket event pushed to the rooms that may see it, and replay by `seq` on (re)connect with no gap and no
 * duplicate at the seam.
 */
export function createRealtime(deps: {
  db: Db;
  auth: Pick<AuthService, 'resolve'>;
  tickets: Pick<TicketsService, 'eventPayloads' | 'payloadOf' | 'latestSeq' | 'seqsAfter'>;
  hooks: CommitHooks;
  maxReplay: number;
  log: FastifyBaseLogger;
}) {
  const { db, auth, tickets, hooks, log } = deps;
  const engine = new Engine({ pingInterval: 20_000, pingTimeout: 20_000, maxHttpBufferSize: 1e5 });
  const io: Io = new Server({ serveClient: false });
  io.bind(engine);

  // The audience is written with the event, in its transaction: replay reads exactly what live push used.
  const audiences = new WeakMap<Committed, string[]>();
  hooks.inTransaction((tx, c) => {
    const rooms = audienceOf(c);
    audiences.set(c, rooms);
    // Supervisors and admins see every event: only the other rooms are written down, in one statement.
    const stored = rooms.filter((r) => !EVERY_EVENT_ROOMS.includes(r));
    if (stored.length === 0) return;
    const args: (string | number)[] = [];
    for (const room of stored) args.push(c.event.seq, room);
    statement(
      tx,
      `audience.insert.${stored.length}`,
      `insert into event_audience (seq, room) values ${stored.map(() => '(?, ?)').join(', ')}`,
    ).run(args);
  });

  /** Pushes a committed event to its rooms; departments get the caller masked (as in their answers). */
  function publish(c: Committed): void {
    // Nobody listening in any of its rooms: skip building the payloads.
    const members = io.sockets.adapter.rooms;
    const rooms = (audiences.get(c) ?? audienceOf(c)).filter((r) => (members.get(r)?.size ?? 0) > 0);
    if (rooms.length === 0) return;
    const masked = rooms.filter(isMaskedRoom);
    const open = rooms.filter((r) => !isMaskedRoom(r));
    if (open.length) io.to(open).emit('ticket:event', tickets.payloadOf(c, false));
    if (masked.length) io.to(masked).emit('ticket:event', tickets.payloadOf(c, true));
  }
  hooks.afterCommit(publish);

  io.use((socket, next) => {
    const hs = socket.handshake.auth as HandshakeAuth;
    const token = typeof hs.token === 'string' ? hs.token : cookieToken(socket.handshake.headers.cookie);
    const user = token ? auth.resolve(token) : null;
    if (!user || !token) {
      next(new Error('UNAUTHORIZED: 未登录或会话已过期'));
      return;
    }
    socket.data.user = user;
    socket.data.token = token;
    next();
  });

  io.on('connection', (socket) => {
    const user = socket.data.user;
    const rooms = roomsOf(user);
    const raw = (socket.handshake.auth as HandshakeAuth).lastSeq;
    const lastSeq = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : null;
    // Replay and join happen in one synchronous step: no commit can slip between them.
    let replayed = 0;
    if (lastSeq !== null && rooms.length > 0) {
      const limit = deps.maxReplay + 1;
      const seqs = seesEverything(rooms)
        ? tickets.seqsAfter(lastSeq, limit)
        : prepared(db, `audience.after.${rooms.length}`, (d) =>
            d
              .selectDistinct({ seq: eventAudience.seq })
              .from(eventAudience)
              .where(
                and(
                  inArray(
                    eventAudience.room,
                    rooms.map((_, i) => sql.placeholder(`r${i}`)),
                  ),
                  gt(eventAudience.seq, sql.placeholder('after')),
                ),
              )
              .orderBy(asc(eventAudience.seq))
              .limit(sql.placeholder('limit'))
              .prepare(),
          )
            .all({
              ...Object.fromEntries(rooms.map((r, i) => [`r${i}`, r])),
              after: lastSeq,
              limit,
            })
            .map((r) => r.seq);
      if (seqs.length > deps.maxReplay) {
        socket.emit('sync:reload', {
          reason: `more than ${deps.maxReplay} events missed`,
          latestSeq: tickets.latestSeq(),
        });
      } else {
        for (const payload of tickets.eventPayloads(seqs, user.role === 'handler', user)) {
          socket.emit('ticket:event', payload);
          replayed += 1;
        }
      }
    }
    void socket.join(rooms);
    // Everything this user may see up to the newest event has now been sent: resume from there.
    socket.emit('sync:ready', { lastSeq: tickets.latestSeq(), replayed });
    socket.on('ping', (ack) => {
      if (typeof ack === 'function') ack({ data: { at: new Date().toISOString() } });
    });
    log.debug({ user: user.username, rooms, replayed }, 'console connected');
  });

  return {
    io,
    engine,
    publish,
    /** An ephemeral event to rooms (call ringing, agent states): never stored, never replayed. */
    emit(rooms: string[], event: string, payload: unknown): void {
      if (rooms.length === 0) return;
      (io.to(rooms).emit as (e: string, p: unknown) => boolean)(event, payload);
    },
    /** Drops the live connections opened with one session token (its user logged out). */
    disconnectSession(token: string): void {
      for (const socket of io.sockets.sockets.values()) {
        if (socket.data.token === token) socket.disconnect(true);
      }
    },
    /** Drops a user's live connections (disabled, or moved to another role or department): they must log in again. */
    disconnectUser(userId: number): void {
      for (const socket of io.sockets.sockets.values()) {
        if (socket.data.user?.id === userId) socket.disconnect(true);
      }
    },
    /** Sends the wallboard to supervisors and admins (ephemeral: never replayed); computes it only if any listen. */
    wallboard(compute: () => WallboardPayload): void {
      const rooms = io.sockets.adapter.rooms;
      if (!WALLBOARD_ROOMS.some((r) => (rooms.get(r)?.size ?? 0) > 0)) return;
      io.to([...WALLBOARD_ROOMS]).emit('wallboard:update', compute());
    },
    close: () =>
      new Promise<void>((resolve) => {
        void io.close(() => resolve());
      }),
  };
}

export type Realtime = ReturnType<typeof createRealtime>;
