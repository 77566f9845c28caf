import { describe, expect, it } from 'vitest';
import { openConsole, until } from '../helpers/sockets.js';
import {
  ACTORS,
  type Actor,
  type Cell,
  MATRIX,
  type MatrixLine,
  type TicketKind,
} from './authorization.matrix.js';
import {
  act,
  isHandler,
  leadOf,
  send,
  type Target,
  t,
  ticket,
  tokens,
  url,
  useAuthorizationApp,
} from './authorization-setup.js';

useAuthorizationApp();

describe('sockets: who receives a ticket event', () => {
  type Console = ReturnType<typeof openConsole> & { refused: boolean };
  const connectAll = async (lastSeq?: number): Promise<Map<Actor, Console>> => {
    const consoles = new Map<Actor, Console>();
    for (const actor of ACTORS) {
      const token = tokens.get(actor);
      const c = openConsole(url, token ? { token, ...(lastSeq === undefined ? {} : { lastSeq }) } : {});
      const refused = await c.ready.then(
        () => false,
        () => true,
      );
      consoles.set(actor, { ...c, refused });
    }
    return consoles;
  };
  const closeAll = (consoles: Map<Actor, Console>) => {
    for (const c of consoles.values()) c.socket.close();
  };
  const fire = async (kind: TicketKind, event: string, no: string) => {
    if (event === 'dispatch') await act('dispatcher', no, 'dispatch', { lead: leadOf(kind) });
    else await act('supervisor', no, 'urge', { message: '请尽快办理' });
  };
  const check = (line: MatrixLine, consoles: Map<Actor, Console>, x: Target, event: string) => {
    const wrong: string[] = [];
    for (const actor of ACTORS) {
      const c = consoles.get(actor)!;
      const cell = line.expect[actor];
      const got = c.events.filter((e) => e.ticketNo === x.no && e.action === event);
      let seen: Cell;
      if (c.refused) seen = 'refused';
      else if (got.length === 0) seen = 'none';
      else if (got.length > 1) seen = 'push';
      else seen = got[0]!.ticket.caller.phone === x.phone ? 'push' : 'push-m';
      if (got.length > 1) wrong.push(`${actor}: ${got.length} copies`);
      if (got.some((e) => e.ticket.caller.phone === x.phone) && isHandler(actor)) {
        wrong.push(`${actor}: the full phone`);
      }
      if (seen !== cell) wrong.push(`${actor}: expected ${cell}, got ${seen}`);
    }
    return wrong;
  };

  const sockets = MATRIX.filter((l) => l.endpoint.startsWith('SOCKET'));
  it.each(sockets.map((l) => [`${l.variant} [${l.kind}, ${l.state}]`, l] as const))(
    '%s',
    async (_name, line) => {
      const [mode, event] = line.variant.split(': ') as ['live' | 'replay', string];
      const x = await ticket(line.kind, line.state);
      let consoles: Map<Actor, Console>;
      if (mode === 'live') {
        consoles = await connectAll();
        await fire(line.kind, event, x.no!);
        const sup = consoles.get('supervisor')!;
        await until(
          () => sup.events.some((e) => e.ticketNo === x.no && e.action === event),
          3000,
          'the push',
        );
        await new Promise((r) => setTimeout(r, 150));
      } else {
        // Nobody listens while it happens; everyone reconnects from just before it.
        const before = (
          (await send('supervisor', { method: 'GET', url: `/api/tickets/${x.no}` })).json() as {
            events: { seq: number }[];
          }
        ).events.at(-1)!.seq;
        await fire(line.kind, event, x.no!);
        consoles = await connectAll(before);
      }
      try {
        expect(check(line, consoles, x, event)).toEqual([]);
      } finally {
        closeAll(consoles);
      }
    },
  );
});

describe('no leaks through replay', () => {
  it('tells a department whose return was approved that the ticket left, and nothing of its new life', async () => {
    const x = await ticket('A-secret', 'dispatched');
    await act('handlerA', x.no!, 'request_return', { reason: '不属于本单位职责' });
    await act('dispatcher', x.no!, 'approve_return');
    await act('dispatcher', x.no!, 'dispatch', { lead: t.dir.dept.scjg });
    await act('handlerB', x.no!, 'sign');
    await act('handlerB', x.no!, 'reply', { publicReply: 'B 单位的答复内容', solved: true });
    expect((await send('handlerA', { method: 'GET', url: `/api/tickets/${x.no}` })).statusCode).toBe(404);

    const a = openConsole(url, { token: tokens.get('handlerA')!, lastSeq: 0 });
    const b = openConsole(url, { token: tokens.get('handlerB')!, lastSeq: 0 });
    try {
      await Promise.all([a.ready, b.ready]);
      // B, which holds it now, replays it. A, which gave it back, hears only what it heard live — its own
      // return, approved — with the ticket as of that event: no sign of B, nor of B's reply.
      expect(b.events.some((e) => e.ticketNo === x.no && e.action === 'reply')).toBe(true);
      const mine = a.events.filter((e) => e.ticketNo === x.no);
      expect(mine.map((e) => e.action)).toEqual(['dispatch', 'request_return', 'approve_return']);
      for (const e of mine) {
        expect(e.ticket.publicReply).toBeNull();
        expect(e.ticket.assignments.every((as) => as.departmentId === t.dir.dept.zjj)).toBe(true);
        expect(JSON.stringify(e.ticket)).not.toContain('B 单位的答复内容');
      }
      expect(mine.at(-1)?.ticket.status).toBe('pending_dispatch');
    } finally {
      a.socket.close();
      b.socket.close();
    }
  });
});
