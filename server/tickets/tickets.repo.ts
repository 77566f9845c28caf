import { and, asc, count, desc, eq, gte, inArray, lt, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../core/db.js';
import { assignments, ticketCalls, ticketCounters, ticketEvents, tickets } from './tickets.tables.js';

export type TicketRow = typeof tickets.$inferSelect;
export type TicketInsert = typeof tickets.$inferInsert;
export type AssignmentRow = typeof assignments.$inferSelect;
export type AssignmentInsert = typeof assignments.$inferInsert;
export type EventRow = typeof ticketEvents.$inferSelect;
export type EventInsert = Omit<typeof ticketEvents.$inferInsert, 'seq'>;

export interface TicketFilter {
  status?: string[];
  /** Only tickets with a live assignment for one of these departments. */
  departmentIds?: number[];
  appealType?: string;
  categoryIds?: number[];
  urgency?: string;
  deadline?: 'yellow' | 'red';
  phone?: string;
  q?: string;
  from?: number;
  to?: number;
}

/** An assignment that still counts for its department (a returned one no longer does). */
const live = ne(assignments.status, 'returned');

function deadlineCondition(kind: 'yellow' | 'red', now: number): SQL {
  const pendingSign = eq(assignments.status, 'pending_sign');
  const handling = inArray(assignments.status, ['in_progress', 'return_requested']);
  if (kind === 'red') {
    return or(and(pendingSign, lt(assignments.signDueAt, now)), and(handling, lt(assignments.dueAt, now)))!;
  }
  return or(
    and(pendingSign, lte(assignments.signYellowAt, now), gte(assignments.signDueAt, now)),
    and(handling, lte(assignments.yellowAt, now), gte(assignments.dueAt, now)),
  )!;
}

/** Data access for tickets, assignments and the event log; every function takes the db or a transaction. */
export const ticketsRepo = {
  byNo: (db: DbOrTx, no: string): TicketRow | undefined =>
    db.select().from(tickets).where(eq(tickets.no, no)).get(),
  byOrderNo: (db: DbOrTx, orderNo: string): TicketRow | undefined =>
    db.select().from(tickets).where(eq(tickets.upstreamOrderNo, orderNo)).get(),
  byId: (db: DbOrTx, id: number): TicketRow | undefined =>
    db.select().from(tickets).where(eq(tickets.id, id)).get(),

  assignmentsOf: (db: DbOrTx, ticketIds: number[]): AssignmentRow[] =>
    ticketIds.length === 0
      ? []
      : db
          .select()
          .from(assignments)
          .where(inArray(assignments.ticketId, ticketIds))
          .orderBy(asc(assignments.id))
          .all(),

  eventsOf: (db: DbOrTx, ticketId: number): EventRow[] =>
    db
      .select()
      .from(ticketEvents)
      .where(eq(ticketEvents.ticketId, ticketId))
      .orderBy(asc(ticketEvents.seq))
      .all(),

  callIdsOf: (db: DbOrTx, ticketId: number): string[] =>
    db
      .select({ callId: ticketCalls.callId })
      .from(ticketCalls)
      .where(eq(ticketCalls.ticketId, ticketId))
      .all()
      .map((r) => r.callId),

  /** Whether a department has a live assignment on the ticket (what makes a ticket visible to it). */
  isAssignedTo: (db: DbOrTx, ticketId: number, departmentId: number): boolean =>
    db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.ticketId, ticketId), eq(assignments.departmentId, departmentId), live))
      .limit(1)
      .get() !== undefined,

  /** The next number of the day: PL + yyyymmdd + 6 digits. */
  nextNumber(tx: DbOrTx, day: string): { no: string; daily: number } {
    const row = tx
      .insert(ticketCounters)
      .values({ day, last: 1 })
      .onConflictDoUpdate({ target: ticketCounters.day, set: { last: sql`${ticketCounters.last} + 1` } })
      .returning()
      .get();
    return { no: `PL${day}${String(row.last).padStart(6, '0')}`, daily: row.last };
  },

  insertTicket: (tx: DbOrTx, values: TicketInsert): TicketRow =>
    tx.insert(tickets).values(values).returning().get(),
  updateTicket: (tx: DbOrTx, id: number, set: Partial<TicketInsert>): void => {
    tx.update(tickets).set(set).where(eq(tickets.id, id)).run();
  },
  linkCall: (tx: DbOrTx, ticketId: number, callId: string): void => {
    tx.insert(ticketCalls).values({ ticketId, callId }).onConflictDoNothing().run();
  },
  insertAssignment: (tx: DbOrTx, values: AssignmentInsert): AssignmentRow =>
    tx.insert(assignments).values(values).returning().get(),
  updateAssignment: (tx: DbOrTx, id: number, set: Partial<AssignmentInsert>): void => {
    tx.update(assignments).set(set).where(eq(assignments.id, id)).run();
  },

  /** Appends one event with the next global `seq` (gap-free: computed inside the writing transaction). */
  appendEvent(tx: DbOrTx, event: EventInsert): EventRow {
    const next = tx
      .select({ seq: sql<number>`coalesce(max(${ticketEvents.seq}), 0) + 1` })
      .from(ticketEvents)
      .get();
    return tx
      .insert(ticketEvents)
      .values({ ...event, seq: next?.seq ?? 1 })
      .returning()
      .get();
  },

  /** One page of tickets matching the filter, newest first, with the total. */
  list(db: DbOrTx, f: TicketFilter, now: number, page: number, pageSize: number) {
    const conds: SQL[] = [];
    if (f.status?.length) conds.push(inArray(tickets.status, f.status as TicketRow['status'][]));
    if (f.appealType) conds.push(eq(tickets.appealType, f.appealType as TicketRow['appealType']));
    if (f.categoryIds?.length) conds.push(inArray(tickets.categoryId, f.categoryIds));
    if (f.urgency) conds.push(eq(tickets.urgency, f.urgency as TicketRow['urgency']));
    if (f.phone) conds.push(eq(tickets.callerPhone, f.phone));
    if (f.q) {
      const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conds.push(
        or(
          sql`${tickets.title} like ${pattern} escape '\\'`,
          sql`${tickets.content} like ${pattern} escape '\\'`,
        )!,
      );
    }
    if (f.from !== undefined) conds.push(gte(tickets.createdAt, f.from));
    if (f.to !== undefined) conds.push(lt(tickets.createdAt, f.to));
    const assignmentConds: SQL[] = [];
    if (f.departmentIds) assignmentConds.push(inArray(assignments.departmentId, f.departmentIds), live);
    if (f.deadline) assignmentConds.push(deadlineCondition(f.deadline, now));
    if (assignmentConds.length > 0) {
      // Driven from the assignment indexes (department, due times): a department's inbox reads only its rows.
      conds.push(
        inArray(
          tickets.id,
          db
            .select({ id: assignments.ticketId })
            .from(assignments)
            .where(and(...assignmentConds)),
        ),
      );
    }
    const where = conds.length > 0 ? and(...conds) : undefined;
    const total = db.select({ n: count() }).from(tickets).where(where).get()?.n ?? 0;
    const rows = db
      .select()
      .from(tickets)
      .where(where)
      .orderBy(desc(tickets.createdAt), desc(tickets.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .all();
    return { rows, total };
  },
};
