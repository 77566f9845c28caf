// The monthly ledger's call figures (话务指标, docs/reports.md): which calls asked for an agent, and the two answer
// rates taken of those. A call that ended in the IVR without asking for an agent (IVR自助 or IVR结束: a ticket
// status heard, the 89000 notice in its end mode, forwarded, a callback or voicemail left in the IVR, a hang-up
// in the menu) is in neither rate; the ledger shows how many there were.
import { sql } from 'drizzle-orm';
import { CALL_COUNTS } from '../calls/calls.metrics.js';
import type { Db } from '../core/db.js';
import { rate } from '../core/rate.js';

/** A month's calls, by the time they were offered. */
export interface CallCounts {
  /** 呼入数: every call offered, on every line. */
  offered: number;
  /**
   * 进入人工队列数: calls that asked for an agent, i.e. entered an agent queue at least once (`enqueued_at`,
   * kept across overflows). Those abandoned in the queue, overflowed to a callback or voicemail, or turned
   * away with no agent on duty are in it, as not answered.
   */
  queued: number;
  /** 接通数: of those, answered by an agent. */
  answered: number;
  /** 15秒接通数: of those, answered within 15 s of first entering the queue. */
  answered15: number;
}

/** IVR结束数: the calls that ended in the IVR without asking for an agent (in neither rate). */
export const ivrEnded = (c: CallCounts): number => c.offered - c.queued;

/** The answer rates, both of the calls that asked for an agent; null (no data) when none did. */
export function callRates(c: CallCounts) {
  return {
    /** 接通率: answered by an agent / entered the agent queue. */
    answerRate: rate(c.answered, c.queued),
    /** 15秒接通率: answered within 15 s of entering the queue / entered the agent queue. */
    answeredWithin15sRate: rate(c.answered15, c.queued),
  };
}

/** No calls at all. */
export const NO_CALLS: CallCounts = { offered: 0, queued: 0, answered: 0, answered15: 0 };

/** Counts summed (a month's calls over every line). */
export function sumCalls(parts: Iterable<CallCounts>): CallCounts {
  const sum = { ...NO_CALLS };
  for (const p of parts) {
    sum.offered += p.offered;
    sum.queued += p.queued;
    sum.answered += p.answered;
    sum.answered15 += p.answered15;
  }
  return sum;
}

/**
 * The calls offered in [from, to), by the line dialled (`calls.line`, the gateway's `to`: 12345, 89000…), counted
 * as everywhere else (`CALL_COUNTS`). An answered call counts as having asked for an agent even without a queue
 * time (no shipped flow answers one that way), so that no rate can pass 100 %; its wait then counts from the offer.
 */
export function callCountsByLine(db: Db, from: number, to: number): Map<string, CallCounts> {
  const rows = db.all<CallCounts & { line: string }>(sql`
    select line, ${CALL_COUNTS}
    from calls where offered_at >= ${from} and offered_at < ${to}
    group by line`);
  return new Map(rows.map(({ line, ...counts }) => [line, counts]));
}

/** The calls offered in [from, to), every line together (every call has a line, so the lines add up to it). */
export const callCounts = (db: Db, from: number, to: number): CallCounts =>
  sumCalls(callCountsByLine(db, from, to).values());
