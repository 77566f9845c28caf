import { and, desc, eq, gte } from 'drizzle-orm';
import { toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { CallRow } from './calls.acd.js';
import { calls } from './calls.tables.js';

const YEAR = 365 * 86_400_000;

/** A caller's tickets since a time (from the tickets module, which matches the number by its key). */
export type History = (
  phone: string,
  since: number,
) => { no: string; title: string; status: string; open: boolean; createdAt: string }[];

/**
 * What the agent sees as the call rings: the caller's calls and tickets of the last 12 months, newest first. The
 * number is matched by its key (core/phone.ts), so a ticket registered as 0535-5651234 pops up for a call from
 * 05355651234; a withheld number has no history.
 */
export function screenPop(db: Db, now: number, call: CallRow, ticketHistory: History) {
  const since = now - YEAR;
  const earlier = (
    call.fromKey === ''
      ? []
      : db
          .select()
          .from(calls)
          .where(and(eq(calls.fromKey, call.fromKey), gte(calls.offeredAt, since)))
          .orderBy(desc(calls.offeredAt))
          .limit(50)
          .all()
  )
    .filter((c) => c.id !== call.id)
    .map((c) => ({
      callId: c.id,
      line: c.line,
      at: toIso(c.offeredAt),
      outcome: c.outcome,
      satisfaction: c.satisfaction,
    }));
  return {
    callId: call.id,
    from: call.fromNumber,
    line: call.line,
    queue: call.queue,
    calls: earlier,
    tickets: ticketHistory(call.fromNumber, since),
  };
}
