import { randomUUID } from 'node:crypto';
import { and, asc, eq, lt, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../core/db.js';
import { prepared } from '../core/prepared.js';
import type { Outbound } from './upstream.messages.js';
import { type OUTBOX_STATES, upstreamOutbox } from './upstream.tables.js';

export type OutboxRow = typeof upstreamOutbox.$inferSelect;
export type OutboxState = (typeof OUTBOX_STATES)[number];

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

  /** Messages in `sending` whose lease ran out (a worker died mid-send) go back to `pending`. */
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

  /** Takes a message for sending; false when another worker already took it. */
  claim(db: DbOrTx, id: number, leaseUntil: number): boolean {
    return (
      db
        .update(upstreamOutbox)
        .set({ state: 'sending', leaseUntil, attempts: sql`${upstreamOutbox.attempts} + 1` })
        .where(and(eq(upstreamOutbox.id, id), eq(upstreamOutbox.state, 'pending')))
        .run().changes === 1
    );
  },

  delivered(db: DbOrTx, id: number, now: number): void {
    db.update(upstreamOutbox)
      .set({ state: 'delivered', deliveredAt: now, leaseUntil: null, lastError: null })
      .where(eq(upstreamOutbox.id, id))
      .run();
  },

  failed(db: DbOrTx, id: number, error: string, next: { dead: boolean; at: number }): void {
    db.update(upstreamOutbox)
      .set({
        state: next.dead ? 'dead' : 'pending',
        nextAttemptAt: next.at,
        leaseUntil: null,
        lastError: error,
      })
      .where(eq(upstreamOutbox.id, id))
      .run();
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
