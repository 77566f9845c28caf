import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Nonces of accepted Yantai requests, kept past the signature window so a replay is refused after a restart.
 * Append-only, in arrival order: the check itself runs in memory (upstream.nonces.ts), which loads the recent
 * ones at start. A key on the nonce would put each random nonce at a random place in a B-tree, and the pages
 * that dirties made an order's COMMIT cost twice as much.
 */
export const upstreamNonces = sqliteTable(
  'upstream_nonces',
  {
    nonce: text('nonce').notNull(),
    seenAt: integer('seen_at').notNull(),
  },
  (t) => [index('upstream_nonces_seen_idx').on(t.seenAt)],
);

/** Yantai notices already applied, by messageId: the same notice again changes nothing. */
export const upstreamNotices = sqliteTable('upstream_notices', {
  messageId: text('message_id').primaryKey(),
  orderNo: text('order_no').notNull(),
  kind: text('kind').notNull(),
  receivedAt: integer('received_at').notNull(),
});

export const OUTBOX_STATES = ['pending', 'sending', 'delivered', 'dead'] as const;
export const MESSAGE_KINDS = ['receipt', 'return', 'progress', 'extension', 'feedback'] as const;

/** Messages to Yantai, written in the same transaction as the ticket event that causes them. */
export const upstreamOutbox = sqliteTable(
  'upstream_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    messageId: text('message_id').notNull().unique(),
    orderNo: text('order_no').notNull(),
    ticketNo: text('ticket_no').notNull(),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    /** The exact JSON sent, messageId included; the same bytes on every attempt. */
    body: text('body').notNull(),
    state: text('state', { enum: OUTBOX_STATES }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    leaseUntil: integer('lease_until'),
    lastError: text('last_error'),
    sourceSeq: integer('source_seq').notNull(),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [
    index('upstream_outbox_due_idx').on(t.state, t.nextAttemptAt),
    index('upstream_outbox_order_idx').on(t.orderNo, t.id),
  ],
);
