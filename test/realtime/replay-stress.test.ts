import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../server/auth/auth.service.js';
import { roomsOf, seesEverything } from '../../server/realtime/realtime.audience.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildTicketInput } from '../helpers/factories.js';
import { type ConsoleSocket, openConsole, until } from '../helpers/sockets.js';

/**
 * 50 consoles drop and reconnect at random while 5,000 ticket events are committed. Each must end with
 * exactly the events it may see (the rooms of its user), in seq order, with no gap and no duplicate.
 */
const EVENTS = 5000;
const CLIENTS = 50;

let t: TestApp;
let url: string;
beforeAll(async () => {
  t = await buildTestApp({ start: new Date().toISOString() });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t.close());

/** A seeded pseudo-random generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

class Console {
  seen: number[] = [];
  pointer: number;
  socket: ConsoleSocket | null = null;
  connecting: Promise<void> | null = null;
  constructor(
    readonly user: AuthUser,
    readonly token: string,
    start: number,
  ) {
    this.pointer = start;
  }
  connect(): Promise<void> {
    const c = openConsole(url, { token: this.token, lastSeq: this.pointer });
    this.socket = c.socket;
    c.socket.on('ticket:event', (e) => {
      this.seen.push(e.seq);
      this.pointer = Math.max(this.pointer, e.seq);
    });
    this.connecting = c.ready.then((r) => {
      this.pointer = Math.max(this.pointer, r.lastSeq);
    });
    return this.connecting;
  }
  drop(): void {
    this.socket?.close();
    this.socket = null;
  }
}

describe('50 consoles dropping and reconnecting while 5,000 events are produced', () => {
  it('each ends with exactly the events it may see, in order, without gaps or duplicates', async () => {
    const random = rng(12345);
    const depts = Object.values(t.dir.dept);
    const handlerNames = Object.keys(t.dir.dept).map((code) => `handler.${code}`);
    const names = ['supervisor1', 'dispatcher1', 'operator1', 'admin', ...handlerNames];
    const tokens = new Map<string, string>();
    for (const n of names) tokens.set(n, await t.login(n));
    const start = t.app.services.tickets.latestSeq();
    const consoles = Array.from({ length: CLIENTS }, (_, i) => {
      const name = names[i % names.length]!;
      return new Console(t.user(name), tokens.get(name)!, start);
    });
    await Promise.all(consoles.map((c) => c.connect()));

    const { tickets } = t.app.services;
    const operator = t.user('operator1');
    const dispatcher = t.user('dispatcher1');
    const supervisor = t.user('supervisor1');
    const open: string[] = [];
    let produced = 0;
    while (produced < EVENTS) {
      // A few events, then let sockets breathe; meanwhile consoles drop and come back.
      for (let k = 0; k < 25 && produced < EVENTS; k++) {
        if (open.length < 60 || random() < 0.05) {
          const no = tickets.register(operator, buildTicketInput()).ticket.no;
          tickets.act(operator, no, 'submit', {});
          const lead = depts[Math.floor(random() * 6)]!; // city departments and towns
          tickets.act(dispatcher, no, 'dispatch', { lead });
          open.push(no);
          produced += 3;
        } else {
          tickets.act(supervisor, open[Math.floor(random() * open.length)]!, 'urge', {
            message: '请加快办理',
          });
          produced += 1;
        }
      }
      for (const c of consoles) {
        const r = random();
        if (c.socket && r < 0.04) c.drop();
        else if (!c.socket && r < 0.5) void c.connect();
      }
      await new Promise((r) => setImmediate(r));
    }

    const latest = tickets.latestSeq();
    for (const c of consoles) if (!c.socket) void c.connect();
    await Promise.all(consoles.map((c) => c.connecting));
    await until(() => consoles.every((c) => c.pointer >= latest), 10_000, 'every console caught up');

    // What each may see: the rooms of its user, read from the audience written with each event;
    // supervisors and admins see every event in the log.
    const audience = t.database.sqlite
      .prepare('select seq, room from event_audience where seq > ? order by seq')
      .all(start) as {
      seq: number;
      room: string;
    }[];
    const every = (
      t.database.sqlite.prepare('select seq from ticket_events where seq > ? order by seq').all(start) as {
        seq: number;
      }[]
    ).map((e) => e.seq);
    let checked = 0;
    for (const c of consoles) {
      const rooms = new Set(roomsOf(c.user));
      const expected = seesEverything([...rooms])
        ? every
        : [...new Set(audience.filter((a) => rooms.has(a.room)).map((a) => a.seq))];
      expect(c.seen, `${c.user.username}`).toEqual(expected);
      checked += expected.length;
    }
    expect(latest - start).toBeGreaterThanOrEqual(EVENTS);
    expect(checked).toBeGreaterThan(EVENTS); // supervisors alone see every event
    for (const c of consoles) c.drop();
  }, 60_000);
});
