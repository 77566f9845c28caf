import { and, asc, desc, eq, gt, gte, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../core/db.js';
import { AppError } from '../core/errors.js';
import { phoneKey } from '../core/phone.js';
import { prepared, statement } from '../core/prepared.js';
import { insertTicket } from './tickets.insert.js';
import { scanRepo } from './tickets.scan-repo.js';
import { assignments, ticketCalls, ticketEvents, tickets } from './tickets.tables.js';

export type TicketRow = typeof tickets.$inferSelect;
export type TicketInsert = typeof tickets.$inferInsert;
export type AssignmentRow = typeof assignments.$inferSelect;
export type AssignmentInsert = typeof assignments.$inferInsert;
export type EventRow = typeof ticketEvents.$inferSelect;
export type EventInsert = Omit<typeof ticketEvents.$inferInsert, 'seq'>;

/** Tickets a day can number (PL + yyyymmdd + 6 digits). */
const MAX_DAILY = 999_999;

/** An assignment that still shows its ticket to its department: see `showsTicket` (tickets.visibility.ts). */
export const visibleAssignment = and(
  ne(assignments.status, 'returned'),
  sql`not (${assignments.status} in ('cancelled', 'closed') and exists (select 1 from ${assignments} as newer
      where newer.ticket_id = ${assignments.ticketId} and newer.id > ${assignments.id}
      and newer.role = 'lead' and newer.parent_id is null))`,
)!;

/** Data access for tickets, assignments and the event log; every function takes the db or a transaction. */
export const ticketsRepo = {
  byNo: (db: DbOrTx, no: string): TicketRow | undefined =>
    prepared(db, 'tickets.byNo', (d) =>
      d
        .select()
        .from(tickets)
        .where(eq(tickets.no, sql.placeholder('no')))
        .prepare(),
    ).get({ no }),
  /** The tickets merged into ticket `no` (并单), oldest first. */
  mergedInto: (db: DbOrTx, no: string): TicketRow[] =>
    prepared(db, 'tickets.mergedInto', (d) =>
      d
        .select()
        .from(tickets)
        .where(eq(tickets.mergedInto, sql.placeholder('no')))
        .orderBy(tickets.createdAt)
        .prepare(),
    ).all({ no }),
  byOrderNo: (db: DbOrTx, orderNo: string): TicketRow | undefined =>
    prepared(db, 'tickets.byOrderNo', (d) =>
      d
        .select()
        .from(tickets)
        .where(eq(tickets.upstreamOrderNo, sql.placeholder('orderNo')))
        .prepare(),
    ).get({ orderNo }),
  /** The number of the ticket an order became, if it did (the order intake's duplicate check: no row mapped). */
  noOfOrder: (db: DbOrTx, orderNo: string): string | undefined =>
    statement(db, 'tickets.noOfOrder', 'select no from tickets where upstream_order_no = ?')
      .pluck()
      .get(orderNo) as string | undefined,
  byId: (db: DbOrTx, id: number): TicketRow | undefined =>
    prepared(db, 'tickets.byId', (d) =>
      d
        .select()
        .from(tickets)
        .where(eq(tickets.id, sql.placeholder('id')))
        .prepare(),
    ).get({ id }),

  assignmentById: (db: DbOrTx, id: number): AssignmentRow | undefined =>
    prepared(db, 'assignments.byId', (d) =>
      d
        .select()
        .from(assignments)
        .where(eq(assignments.id, sql.placeholder('id')))
        .prepare(),
    ).get({ id }),

  ...scanRepo,

  /**
   * A caller's tickets since a time, newest first, at most 50: the number matched by its key, however it was
   * registered or sent (core/phone.ts `phoneKey`). A withheld number (no digits) has none.
   */
  byPhoneSince(db: DbOrTx, phone: string, since: number): TicketRow[] {
    const key = phoneKey(phone);
    if (key === '') return [];
    return prepared(db, 'tickets.byPhoneKeySince', (d) =>
      d
        .select()
        .from(tickets)
        .where(
          and(
            eq(tickets.callerPhoneKey, sql.placeholder('key')),
            gte(tickets.createdAt, sql.placeholder('since')),
          ),
        )
        .orderBy(desc(tickets.createdAt))
        .limit(50)
        .prepare(),
    ).all({ key, since });
  },

  ticketIdsOfCall: (db: DbOrTx, callId: string): number[] =>
    db
      .select({ id: ticketCalls.ticketId })
      .from(ticketCalls)
      .where(eq(ticketCalls.callId, callId))
      .all()
      .map((r) => r.id),

  byIds: (db: DbOrTx, ids: number[]): TicketRow[] =>
    ids.length === 0 ? [] : db.select().from(tickets).where(inArray(tickets.id, ids)).all(),

  /** Events by seq, in seq order (chunked: SQLite limits bound parameters). */
  eventsBySeq(db: DbOrTx, seqs: number[]): EventRow[] {
    const out: EventRow[] = [];
    for (let i = 0; i < seqs.length; i += 500) {
      const chunk = seqs.slice(i, i + 500);
      out.push(
        ...db
          .select()
          .from(ticketEvents)
          .where(inArray(ticketEvents.seq, chunk))
          .orderBy(asc(ticketEvents.seq))
          .all(),
      );
    }
    return out;
  },

  /** Seqs of the events after `after`, oldest first, at most `limit`. */
  seqsAfter: (db: DbOrTx, after: number, limit: number): number[] =>
    prepared(db, 'events.seqsAfter', (d) =>
      d
        .select({ seq: ticketEvents.seq })
        .from(ticketEvents)
        .where(gt(ticketEvents.seq, sql.placeholder('after')))
        .orderBy(asc(ticketEvents.seq))
        .limit(sql.placeholder('limit'))
        .prepare(),
    )
      .all({ after, limit })
      .map((r) => r.seq),
  latestSeq: (db: DbOrTx): number =>
    prepared(db, 'events.latest', (d) =>
      d
        .select({ seq: sql<number>`coalesce(max(${ticketEvents.seq}), 0)` })
        .from(ticketEvents)
        .prepare(),
    ).get()?.seq ?? 0,

  assignmentsOf(db: DbOrTx, ticketIds: number[]): AssignmentRow[] {
    if (ticketIds.length === 0) return [];
    if (ticketIds.length === 1) {
      return prepared(db, 'assignments.ofTicket', (d) =>
        d
          .select()
          .from(assignments)
          .where(eq(assignments.ticketId, sql.placeholder('id')))
          .orderBy(asc(assignments.id))
          .prepare(),
      ).all({ id: ticketIds[0] });
    }
    return db
      .select()
      .from(assignments)
      .where(inArray(assignments.ticketId, ticketIds))
      .orderBy(asc(assignments.id))
      .all();
  },

  eventsOf: (db: DbOrTx, ticketId: number): EventRow[] =>
    prepared(db, 'events.ofTicket', (d) =>
      d
        .select()
        .from(ticketEvents)
        .where(eq(ticketEvents.ticketId, sql.placeholder('id')))
        .orderBy(asc(ticketEvents.seq))
        .prepare(),
    ).all({ id: ticketId }),

  callIdsOf: (db: DbOrTx, ticketId: number): string[] =>
    prepared(db, 'calls.ofTicket', (d) =>
      d
        .select({ callId: ticketCalls.callId })
        .from(ticketCalls)
        .where(eq(ticketCalls.ticketId, sql.placeholder('id')))
        .prepare(),
    )
      .all({ id: ticketId })
      .map((r) => r.callId),

  /** Whether a department has a live assignment on the ticket (what makes a ticket visible to it). */
  isAssignedTo: (db: DbOrTx, ticketId: number, departmentId: number): boolean =>
    prepared(db, 'assignments.isAssignedTo', (d) =>
      d
        .select({ id: assignments.id })
        .from(assignments)
        .where(
          and(
            eq(assignments.ticketId, sql.placeholder('ticketId')),
            eq(assignments.departmentId, sql.placeholder('departmentId')),
            visibleAssignment,
          ),
        )
        .limit(1)
        .prepare(),
    ).get({ ticketId, departmentId }) !== undefined,

  /**
   * The next number of the day: PL + yyyymmdd + 6 digits, one more than the day's highest, read from the
   * unique index on `no` inside the writing transaction (one writer, and a rolled-back ticket takes its number
   * with it, so numbers have no gaps). A read: a counter row written per ticket cost an order a whole write.
   */
  nextNumber(tx: DbOrTx, day: string): { no: string; daily: number } {
    const prefix = `PL${day}`;
    const last = statement(
      tx,
      'tickets.lastNoOfDay',
      'select no from tickets where no >= ? and no < ? order by no desc limit 1',
    ).get(prefix, `${prefix}~`) as { no: string } | undefined;
    const daily = last ? Number(last.no.slice(prefix.length)) + 1 : 1;
    // Six digits sort as numbers; a seventh would sort below 999999 and be handed out twice.
    if (daily > MAX_DAILY) {
      // Not the caller's fault, and nothing is written: 503, so that a sender (Yantai) retries later.
      throw new AppError(503, 'TICKET_NUMBERS_EXHAUSTED', `${day} 的工单编号已用完（每日 ${MAX_DAILY} 个）`);
    }
    return { no: `${prefix}${String(daily).padStart(6, '0')}`, daily };
  },

  /** Inserts a ticket; every column not given takes its default. Returns the row as stored. */
  insertTicket,
  /**
   * Updates a ticket; a new status is copied onto its assignments in the same statement group (`ticketStatus`),
   * and a new caller's phone gets its key (nothing changes a caller's phone today, but it would be found by it).
   */
  updateTicket: (tx: DbOrTx, id: number, set: Partial<TicketInsert>): void => {
    const values =
      set.callerPhone === undefined ? set : { ...set, callerPhoneKey: phoneKey(set.callerPhone) };
    tx.update(tickets).set(values).where(eq(tickets.id, id)).run();
    if (set.status === undefined) return;
    statement(
      tx,
      'assignments.ticketStatus',
      'update assignments set ticket_status = ? where ticket_id = ?',
    ).run(set.status, id);
  },
  linkCall: (tx: DbOrTx, ticketId: number, callId: string): void => {
    tx.insert(ticketCalls).values({ ticketId, callId }).onConflictDoNothing().run();
  },
  /** Inserts an assignment; `ticketStatus` and `ticketCreatedAt` must be its ticket's (as it is after the change). */
  insertAssignment: (
    tx: DbOrTx,
    values: AssignmentInsert & Required<Pick<AssignmentInsert, 'ticketStatus' | 'ticketCreatedAt'>>,
  ): AssignmentRow => tx.insert(assignments).values(values).returning().get(),
  updateAssignment: (tx: DbOrTx, id: number, set: Partial<AssignmentInsert>): void => {
    tx.update(assignments).set(set).where(eq(assignments.id, id)).run();
  },

  /** Appends one event with the next global `seq` (gap-free: computed inside the writing transaction). */
  appendEvent(tx: DbOrTx, event: EventInsert): EventRow {
    const next = statement(
      tx,
      'events.nextSeq',
      'select coalesce(max(seq), 0) + 1 as seq from ticket_events',
    ).get() as { seq: number } | undefined;
    const row: EventRow = {
      seq: next?.seq ?? 1,
      ticketId: event.ticketId,
      action: event.action,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus,
      actorId: event.actorId ?? null,
      actorName: event.actorName,
      actorDepartmentId: event.actorDepartmentId ?? null,
      assignmentId: event.assignmentId ?? null,
      note: event.note ?? null,
      data: event.data ?? null,
      at: event.at,
    };
    statement(
      tx,
      'events.insert',
      `insert into ticket_events (seq, ticket_id, action, from_status, to_status, actor_id, actor_name,
        actor_department_id, assignment_id, note, data, at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.seq,
      row.ticketId,
      row.action,
      row.fromStatus,
      row.toStatus,
      row.actorId,
      row.actorName,
      row.actorDepartmentId,
      row.assignmentId,
      row.note,
      row.data === null ? null : JSON.stringify(row.data),
      row.at,
    );
    return row;
  },
};
