// Two parts of the monthly ledger that are the centre's own work, not a department's (docs/reports.md):
// - 市平台转办: the orders Yantai transferred down, whether the district accepted them (签收) by Yantai's
//   `signDueAt` (Yantai assesses the district on it), and how many went back to Yantai (退回市平台);
// - 回访: whether the centre's revisits were made by the revisit clock's due (回访及时率).
// Counted from the event log of the month (by its time index) and from the tickets still waiting now.
import { sql } from 'drizzle-orm';
import type { Db } from '../core/db.js';
import { rate } from '../core/rate.js';

export interface UpstreamCounts {
  /** Orders received that month: new ones, and ones Yantai transferred again (重新转办). */
  orders: number;
  /** Receipts (签收) that month: an explicit accept, or the first dispatch, which accepts. */
  accepted: number;
  /** Of those, made by Yantai's `signDueAt`. */
  acceptedOnTime: number;
  /** Orders still not accepted now, waiting in the dispatch queue, whose `signDueAt` fell in the month and passed. */
  signOverdue: number;
  /** Orders returned to Yantai (退回市平台) that month. */
  returned: number;
}

export interface RevisitCounts {
  /** Revisit attempts (回访) that month, reaching the caller or not. */
  made: number;
  /** Of those, made by the revisit clock's due. */
  onTime: number;
  /** Tickets still waiting now for a first attempt since their reply was approved, whose revisit due fell in the month and passed. */
  overdue: number;
}

export function upstreamRates(c: UpstreamCounts) {
  return {
    /** 市平台按时签收率: accepted by Yantai's time / (accepted + run out unaccepted). */
    onTimeSignRate: rate(c.acceptedOnTime, c.accepted + c.signOverdue),
    /** 退回率: returned to Yantai / orders received. */
    returnRate: rate(c.returned, c.orders),
  };
}

export function revisitRates(c: RevisitCounts) {
  /** 回访及时率: attempts made by their due / (attempts + tickets run out with none). */
  return { onTimeRate: rate(c.onTime, c.made + c.overdue) };
}

const n = (db: Db, query: ReturnType<typeof sql>): number => db.get<{ n: number }>(query)?.n ?? 0;

/**
 * Whether an event was late: its own `late` flag (`receiptLate` on a receipt), written since 2026-12-04; an older
 * event is compared with the ticket's due as it is now (a later transfer again or approval may have moved it), and
 * counts as on time when the ticket has no due any more (a revisit of a ticket reworked since).
 */
const LATE = (flag: string, due: string) =>
  sql.raw(`coalesce(json_extract(e.data, '$.${flag}'), e.at > t.${due}, 0)`);

/** The month [from, to) of Yantai's orders; what ran out counts up to `end` (now, in a month still running). */
export function upstreamCounts(db: Db, from: number, to: number, end: number): UpstreamCounts {
  const inMonth = sql`e.at >= ${from} and e.at < ${to}`;
  const receipt = sql.raw(
    `(e.action = 'accept' or (e.action = 'dispatch' and json_extract(e.data, '$.accepted') = 1))`,
  );
  return {
    orders: n(
      db,
      sql`select count(*) as n from ticket_events e join tickets t on t.id = e.ticket_id where ${inMonth}
        and ((e.action = 'register' and t.channel = 'upstream') or e.action = 'retransfer')`,
    ),
    accepted: n(
      db,
      sql`select count(*) as n from ticket_events e join tickets t on t.id = e.ticket_id
        where ${inMonth} and ${receipt}`,
    ),
    acceptedOnTime: n(
      db,
      sql`select count(*) as n from ticket_events e join tickets t on t.id = e.ticket_id
        where ${inMonth} and ${receipt} and ${LATE('receiptLate', 'upstream_sign_due_at')} = 0`,
    ),
    signOverdue: n(
      db,
      sql`select count(*) as n from tickets where status = 'pending_dispatch' and accepted_at is null
        and upstream_sign_due_at >= ${from} and upstream_sign_due_at < ${end}`,
    ),
    returned: n(
      db,
      sql`select count(*) as n from ticket_events e where ${inMonth} and e.action = 'return_upstream'`,
    ),
  };
}

/** The month [from, to) of the centre's revisits; what ran out counts up to `end`. */
export function revisitCounts(db: Db, from: number, to: number, end: number): RevisitCounts {
  const attempts = sql`from ticket_events e join tickets t on t.id = e.ticket_id
    where e.at >= ${from} and e.at < ${to} and e.action = 'revisit'`;
  return {
    made: n(db, sql`select count(*) as n ${attempts}`),
    onTime: n(db, sql`select count(*) as n ${attempts} and ${LATE('late', 'revisit_due_at')} = 0`),
    // The queue of 待回访 is short; for each, the round starts at the latest approval (or sampled direct answer).
    overdue: n(
      db,
      sql`select count(*) as n from tickets t where t.status = 'pending_revisit'
        and t.revisit_due_at >= ${from} and t.revisit_due_at < ${end}
        and not exists (select 1 from ticket_events r where r.ticket_id = t.id and r.action = 'revisit'
          and r.at >= (select max(a.at) from ticket_events a where a.ticket_id = t.id
            and a.action in ('approve_reply', 'answer')))`,
    ),
  };
}

/** The CSV's sections for them, after the centre's: head and key. */
export const UPSTREAM_COLUMNS = [
  ['orders', '市平台转办数'],
  ['accepted', '签收数'],
  ['acceptedOnTime', '按时签收数'],
  ['signOverdue', '超期未签收'],
  ['onTimeSignRate', '市平台按时签收率'],
  ['returned', '退回市平台数'],
  ['returnRate', '退回率'],
] as const;

export const REVISIT_COLUMNS = [
  ['made', '回访次数'],
  ['onTime', '按时回访次数'],
  ['overdue', '超期未回访'],
  ['onTimeRate', '回访及时率'],
] as const;
