// The deadline scanner's statements: the assignments' bookmarks and cards, and the ticket-level clocks it reads
// (orders waiting for their receipt, tickets waiting for their revisit). Part of `ticketsRepo`.
import { asc, eq, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../core/db.js';
import { prepared, statement } from '../core/prepared.js';
import type { TicketRow } from './tickets.repo.js';
import { assignments } from './tickets.tables.js';

type OrderAwaitingReceipt = Pick<TicketRow, 'id' | 'createdAt' | 'upstreamReceivedAt'> & {
  upstreamSignDueAt: number;
};

export const scanRepo = {
  /** Moves the scanner's bookmark (prepared: it runs after every change). */
  setNextCheck: (tx: DbOrTx, id: number, nextCheckAt: number | null): void => {
    prepared(tx, 'assignments.setNextCheck', (d) =>
      d
        .update(assignments)
        .set({ nextCheckAt: sql.placeholder('at') as unknown as number })
        .where(eq(assignments.id, sql.placeholder('id')))
        .prepare(),
    ).run({ id, at: nextCheckAt });
  },

  /** Records a raised card (and, for a red one on the handling clock, its notice-list day). */
  setCard: (
    tx: DbOrTx,
    id: number,
    card: 'yellow' | 'red',
    cardDueAt: number,
    noticeDueAt: number | null,
  ): void => {
    prepared(tx, 'assignments.setCard', (d) =>
      d
        .update(assignments)
        .set({
          card: sql.placeholder('card') as unknown as 'yellow',
          cardDueAt: sql.placeholder('cardDueAt') as unknown as number,
          noticeDueAt: sql.placeholder('noticeDueAt') as unknown as number,
        })
        .where(eq(assignments.id, sql.placeholder('id')))
        .prepare(),
    ).run({ id, card, cardDueAt, noticeDueAt });
  },

  /** Assignment ids whose scanner bookmark is due, through the bookmark's index (never a full scan). */
  dueForScan: (db: DbOrTx, now: number, limit: number): number[] =>
    prepared(db, 'assignments.dueForScan', (d) =>
      d
        .select({ id: assignments.id })
        .from(assignments)
        .where(lte(assignments.nextCheckAt, sql.placeholder('now')))
        .orderBy(asc(assignments.nextCheckAt))
        .limit(sql.placeholder('limit'))
        .prepare(),
    )
      .all({ now, limit })
      .map((r) => r.id),

  /**
   * Yantai's orders still waiting for our receipt (签收) in the dispatch queue, with what their receipt clock
   * needs: a range of `tickets_status_idx`, as short as the dispatch queue.
   */
  ordersAwaitingReceipt: (db: DbOrTx): OrderAwaitingReceipt[] =>
    statement(
      db,
      'tickets.ordersAwaitingReceipt',
      `select id, created_at as createdAt, upstream_received_at as upstreamReceivedAt,
       upstream_sign_due_at as upstreamSignDueAt from tickets
       where status = 'pending_dispatch' and accepted_at is null and upstream_sign_due_at is not null`,
    ).all() as OrderAwaitingReceipt[],

  /**
   * Tickets waiting for their revisit (回访) whose clock is in its warning time or past due at `now`: a range of
   * `tickets_status_idx`, as short as the revisit queue.
   */
  revisitsDueForScan: (
    db: DbOrTx,
    now: number,
  ): (Pick<TicketRow, 'id' | 'revisitYellowAt'> & { revisitDueAt: number })[] =>
    statement(
      db,
      'tickets.revisitsDueForScan',
      `select id, revisit_due_at as revisitDueAt, revisit_yellow_at as revisitYellowAt from tickets
       where status = 'pending_revisit' and revisit_due_at is not null
       and coalesce(revisit_yellow_at, revisit_due_at) <= ?`,
    ).all(now) as (Pick<TicketRow, 'id' | 'revisitYellowAt'> & { revisitDueAt: number })[],

  /**
   * The cards (`yellow`, `red`) already raised on a ticket's own clock `clock` against the due time `dueAt` (ISO),
   * since `since` (this run of the clock).
   */
  ticketCardsRaised: (
    db: DbOrTx,
    ticketId: number,
    clock: string,
    dueAt: string,
    since: number,
  ): Set<'yellow' | 'red'> =>
    new Set(
      (
        statement(
          db,
          'ticket_events.ticketCardsRaised',
          `select action from ticket_events where ticket_id = ? and action in ('yellow', 'red')
           and assignment_id is null and json_extract(data, '$.clock') = ? and json_extract(data, '$.dueAt') = ?
           and at >= ?`,
        ).all(ticketId, clock, dueAt, since) as { action: 'yellow' | 'red' }[]
      ).map((r) => r.action),
    ),
};
