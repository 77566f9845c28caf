import { sql } from 'drizzle-orm';
import { CST_OFFSET_MS } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { rate } from '../core/rate.js';

/** Start of the local (UTC+8) day of `at`, in epoch ms. */
export const dayStart = (at: number) =>
  Math.floor((at + CST_OFFSET_MS) / 86_400_000) * 86_400_000 - CST_OFFSET_MS;

/** GB/T 33358's 15 seconds, from the call's first entry into an agent queue to an agent's answer. */
export const ANSWER_WITHIN_MS = 15_000;

/**
 * The counts every call figure shares, daily here and monthly in the ledger (server/reports/reports.calls.ts,
 * docs/reports.md): calls offered, those that asked for an agent (entered an agent queue, or were answered, so
 * that no rate passes 100 %), answered, and answered within 15 s of first entering the queue.
 */
export const CALL_COUNTS = sql`count(*) as offered,
  coalesce(sum(enqueued_at is not null or answered_at is not null), 0) as queued,
  coalesce(sum(answered_at is not null), 0) as answered,
  coalesce(sum(answered_at is not null
    and answered_at - coalesce(enqueued_at, offered_at) <= ${ANSWER_WITHIN_MS}), 0) as answered15`;

interface Row {
  line: string;
  hour: number;
  offered: number;
  queued: number;
  answered: number;
  answered15: number;
  abandoned: number;
  abandonedInIvr: number;
  waitSum: number;
  waitMax: number | null;
  waited: number;
}

/**
 * Call metrics of one local day, per line and per hour (a report: reads the calls and agents tables): answer
 * rate, the 15-second answer rate (answered within 15 s of reaching the queue, GB/T 33358), average and longest
 * wait, abandon rate; and now: calls waiting and agents by state. The three rates are of the calls that asked
 * for an agent (`queued`: entered an agent queue, or were answered), as the monthly ledger counts them
 * (docs/reports.md): a call that ended in the IVR without asking for one (a ticket status heard, the 89000
 * notice, a forward, a hang-up in the menu: `abandonedInIvr`) is in none of them.
 */
export function callMetrics(db: Db, now: number, day = dayStart(now)) {
  const rows = db.all<Row>(sql`
    select line,
      cast(((offered_at - ${day}) / 3600000) as integer) as hour,
      ${CALL_COUNTS},
      coalesce(sum(outcome = 'abandoned_queue'), 0) as abandoned,
      coalesce(sum(outcome = 'abandoned_ivr'), 0) as abandonedInIvr,
      coalesce(sum(case when enqueued_at is not null then coalesce(answered_at, ended_at, ${now}) - enqueued_at else 0 end), 0) as waitSum,
      max(case when enqueued_at is not null then coalesce(answered_at, ended_at, ${now}) - enqueued_at end) as waitMax,
      coalesce(sum(enqueued_at is not null), 0) as waited
    from calls
    where offered_at >= ${day} and offered_at < ${day + 86_400_000}
    group by line, hour
    order by line, hour`);
  const byLine = new Map<string, Row>();
  for (const r of rows) {
    const acc = byLine.get(r.line) ?? {
      ...r,
      hour: -1,
      offered: 0,
      queued: 0,
      answered: 0,
      answered15: 0,
      abandoned: 0,
      abandonedInIvr: 0,
      waitSum: 0,
      waitMax: 0,
      waited: 0,
    };
    acc.offered += r.offered;
    acc.queued += r.queued;
    acc.answered += r.answered;
    acc.answered15 += r.answered15;
    acc.abandoned += r.abandoned;
    acc.abandonedInIvr += r.abandonedInIvr;
    acc.waitSum += r.waitSum;
    acc.waited += r.waited;
    acc.waitMax = Math.max(acc.waitMax ?? 0, r.waitMax ?? 0);
    byLine.set(r.line, acc);
  }
  const summary = (r: Row) => ({
    offered: r.offered,
    queued: r.queued,
    answered: r.answered,
    answered15: r.answered15,
    answerRate: rate(r.answered, r.queued),
    answeredWithin15sRate: rate(r.answered15, r.queued),
    averageWaitSec: r.waited === 0 ? null : Math.round(r.waitSum / r.waited / 100) / 10,
    longestWaitSec: r.waitMax === null || r.waited === 0 ? null : Math.round(r.waitMax / 100) / 10,
    /** Hung up while waiting in the queue. */
    abandoned: r.abandoned,
    abandonRate: rate(r.abandoned, r.queued),
    /** Hung up in the IVR before asking for anything: in no rate. */
    abandonedInIvr: r.abandonedInIvr,
  });
  const waiting =
    db.get<{ n: number }>(
      sql`select count(*) as n from calls where outcome = 'in_progress' and queue is not null and answered_at is null`,
    )?.n ?? 0;
  const agentStates = Object.fromEntries(
    db
      .all<{ state: string; n: number }>(sql`select state, count(*) as n from agents group by state`)
      .map((r) => [r.state, r.n]),
  );
  return {
    date: new Date(day + CST_OFFSET_MS).toISOString().slice(0, 10),
    now: { waiting, agents: agentStates as Record<string, number> },
    lines: [...byLine.values()].map((r) => ({ line: r.line, ...summary(r) })),
    hours: rows.map((r) => ({ line: r.line, hour: r.hour, ...summary(r) })),
  };
}

export type CallMetrics = ReturnType<typeof callMetrics>;
