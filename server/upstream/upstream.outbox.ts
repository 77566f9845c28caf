import { randomUUID } from 'node:crypto';
import { and, asc, eq, lt, lte, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../core/db.js';
import { prepared } from '../core/prepared.js';
import type { Outbound } from './upstream.messages.js';
import { type OUTBOX_STATES, upstreamOutbox } from './upstream.tables.js';

export type OutboxRow = typeof upstreamOutbox.$inferSelect;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** One claim of one message, as `claim` took it: what a result write must still find to be the owner's. */
export interface OutboxLease {
  id: number;
  leaseUntil: number;
  /** `attempts` after the claim's increment: this attempt's number. */
  attempts: number;
}

/** The row is still in this claim's hands: sending, with this claim's lease and attempt number. */
const holding = (lease: OutboxLease) =>
  and(
    eq(upstreamOutbox.id, lease.id),
    eq(upstreamOutbox.state, 'sending'),
    eq(upstreamOutbox.leaseUntil, lease.leaseUntil),
    eq(upstreamOutbox.attempts, lease.attempts),
  );

/** Storage of the outbox: enqueue inside a ticket transaction, claim, settle, list, retry. */
export const outboxRepo = {
  /** Stores a message with a fresh messageId that it keeps across every retry. */
  enqueue(tx: DbOrTx, m: Outbound, meta: { ticketNo: string; sourceSeq: number; now: number }): OutboxRow {
    const messageId = randomUUID();
    const body = JSON.stringify({ messageId, ...m.fields });
    return tx
      .insert(upstreamOutbox)
      .values({
        messageId,
        orderNo: String(m.fields.orderNo),
        ticketNo: meta.ticketNo,
        kind: m.kind,
        body,
        state: 'pending',
        nextAttemptAt: meta.now,
        sourceSeq: meta.sourceSeq,
        createdAt: meta.now,
      })
      .returning()
      .get();
  },

  /**
   * Messages in `sending` whose lease ran out (a worker died mid-send) go back to `pending`. A sender that was
   * only stalled past its lease may still be on the way: its result no longer holds the lease (see `claim`).
   */
  reclaimExpired(db: DbOrTx, now: number): number {
    return prepared(db, 'outbox.reclaim', (d) =>
      d
        .update(upstreamOutbox)
        .set({ state: 'pending', leaseUntil: null })
        .where(
          and(eq(upstreamOutbox.state, 'sending'), lt(upstreamOutbox.leaseUntil, sql.placeholder('now'))),
        )
        .prepare(),
    ).run({ now }).changes;
  },

  /**
   * The head of each order's queue when it is due: the oldest message of that order not yet delivered.
   * A later message of the same order waits until every earlier one is delivered (dead ones block too).
   */
  dueHeads(db: DbOrTx, now: number, limit: number): OutboxRow[] {
    return prepared(db, 'outbox.dueHeads', (d) =>
      d
        .select()
        .from(upstreamOutbox)
        .where(
          and(
            eq(upstreamOutbox.state, 'pending'),
            lte(upstreamOutbox.nextAttemptAt, sql.placeholder('now')),
            sql`not exists (select 1 from ${upstreamOutbox} as earlier where earlier.order_no = ${upstreamOutbox.orderNo}
                and earlier.id < ${upstreamOutbox.id} and earlier.state <> 'delivered')`,
          ),
        )
        .orderBy(asc(upstreamOutbox.id))
        .limit(sql.placeholder('limit'))
        .prepare(),
    ).all({ now, limit });
  },

  /**
   * Takes a message for sending; null when another worker already took it. The lease that comes back is the
   * sender's proof of ownership: every result write below matches it in its WHERE, so a sender that outlived
   * its lease (a stall longer than the timeout + margin) and lost the message to `reclaimExpired` and another
   * claim cannot overwrite what the new owner did. No extra column: `attempts` goes up by one on every claim
   * and `leaseUntil` is set by it, and a later claim of the same message can only follow the earlier lease's
   * expiry (or a manual retry of a dead letter, which needs a later failure first), so the pair identifies
   * one claim.
   */
  claim(db: DbOrTx, id: number, leaseUntil: number): OutboxLease | null {
    const row = db
      .update(upstreamOutbox)
      .set({ state: 'sending', leaseUntil, attempts: sql`${upstreamOutbox.attempts} + 1` })
      .where(and(eq(upstreamOutbox.id, id), eq(upstreamOutbox.state, 'pending')))
      .returning({ attempts: upstreamOutbox.attempts })
      .get();
    return row ? { id, leaseUntil, attempts: row.attempts } : null;
  },

  /**
   * Records that Yantai took the message. With the lease still held this is the ordinary settlement
   * (`'leased'`). Without it, the delivery is still a fact (Yantai dedups by messageId, so a second copy from
   * the new owner does no harm), so the message is recorded delivered unless it already is (`'late'`): a
   * message Yantai has must not be sent again, stay dead or hold up its order. `'dropped'` when it already was
   * delivered; nothing is written then.
   */
  delivered(db: DbOrTx, lease: OutboxLease, now: number): 'leased' | 'late' | 'dropped' {
    const settle = { state: 'delivered' as const, deliveredAt: now, leaseUntil: null, lastError: null };
    if (db.update(upstreamOutbox).set(settle).where(holding(lease)).run().changes === 1) return 'leased';
    const late = db
      .update(upstreamOutbox)
      .set(settle)
      .where(and(eq(upstreamOutbox.id, lease.id), ne(upstreamOutbox.state, 'delivered')))
      .run().changes;
    return late === 1 ? 'late' : 'dropped';
  },

  /**
   * Records a failed attempt: back to `pending` at `next.at`, or `dead`. Only while the lease is held; false
   * when it was lost (the message was taken back, claimed again, delivered or retried by hand since), and
   * then nothing is written: the state is the new owner's.
   */
  failed(db: DbOrTx, lease: OutboxLease, error: string, next: { dead: boolean; at: number }): boolean {
    return (
      db
        .update(upstreamOutbox)
        .set({
          state: next.dead ? 'dead' : 'pending',
          nextAttemptAt: next.at,
          leaseUntil: null,
          lastError: error,
        })
        .where(holding(lease))
        .run().changes === 1
    );
  },

  byId: (db: DbOrTx, id: number): OutboxRow | undefined =>
    db.select().from(upstreamOutbox).where(eq(upstreamOutbox.id, id)).get(),

  list(db: DbOrTx, f: { state?: OutboxState; orderNo?: string }, limit: number): OutboxRow[] {
    const conds = [];
    if (f.state) conds.push(eq(upstreamOutbox.state, f.state));
    if (f.orderNo) conds.push(eq(upstreamOutbox.orderNo, f.orderNo));
    return db
      .select()
      .from(upstreamOutbox)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(asc(upstreamOutbox.id))
      .limit(limit)
      .all();
  },

  /** A dead letter back in the queue with a fresh budget, due now; false when it is not dead. */
  retry(db: DbOrTx, id: number, now: number): boolean {
    return (
      db
        .update(upstreamOutbox)
        .set({ state: 'pending', attempts: 0, nextAttemptAt: now })
        .where(and(eq(upstreamOutbox.id, id), eq(upstreamOutbox.state, 'dead')))
        .run().changes === 1
    );
  },
};
