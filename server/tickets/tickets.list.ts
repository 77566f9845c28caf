// The ticket lists (`GET /api/tickets`): the filter, the deadline cards as SQL, and one page with its total.
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../core/db.js';
import { type TicketRow, visibleAssignment } from './tickets.repo.js';
import { assignments, tickets } from './tickets.tables.js';

export interface TicketFilter {
  status?: string[];
  /** Only tickets with a live assignment for one of these departments. */
  departmentIds?: number[];
  /** And only tickets this department itself still sees (a town narrowing its list to one of its villages). */
  seenBy?: number;
  appealType?: string;
  categoryIds?: number[];
  urgency?: string;
  /** The channel it came by (`web`: citizens' own appeals). */
  channel?: string;
  deadline?: 'yellow' | 'red';
  /** Only tickets with an extension request waiting for a supervisor (on one of `departmentIds`, if given). */
  pendingExtension?: boolean;
  phone?: string;
  q?: string;
  from?: number;
  to?: number;
}

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

/** One page of tickets matching the filter, newest (or oldest) first, with the total. */
export function listTickets(
  db: DbOrTx,
  f: TicketFilter,
  now: number,
  page: number,
  pageSize: number,
  sort: 'newest' | 'oldest' = 'newest',
): { rows: TicketRow[]; total: number } {
  const conds: SQL[] = [];
  if (f.status?.length) conds.push(inArray(tickets.status, f.status as TicketRow['status'][]));
  if (f.appealType) conds.push(eq(tickets.appealType, f.appealType as TicketRow['appealType']));
  if (f.categoryIds?.length) conds.push(inArray(tickets.categoryId, f.categoryIds));
  if (f.urgency) conds.push(eq(tickets.urgency, f.urgency as TicketRow['urgency']));
  if (f.channel) conds.push(eq(tickets.channel, f.channel));
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
  if (f.departmentIds)
    assignmentConds.push(inArray(assignments.departmentId, f.departmentIds), visibleAssignment);
  if (f.deadline) assignmentConds.push(deadlineCondition(f.deadline, now));
  // A request can only wait on an assignment at work (one that returned or was cancelled took it along).
  if (f.pendingExtension)
    assignmentConds.push(isNotNull(assignments.pendingExtensionDays), eq(assignments.status, 'in_progress'));
  if (f.seenBy !== undefined) {
    conds.push(
      inArray(
        tickets.id,
        db
          .select({ id: assignments.ticketId })
          .from(assignments)
          .where(and(eq(assignments.departmentId, f.seenBy), visibleAssignment)),
      ),
    );
  }
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
  // One pass finds the page's ids and counts every match (a window count is taken before the limit); the
  // page's rows are then read by id. A count and a page of whole rows were two passes over the matches,
  // the second carrying every matching row, text and all, into the sort.
  const found = db
    .select({ id: tickets.id, total: sql<number>`count(*) over ()` })
    .from(tickets)
    .where(where)
    .orderBy(
      ...(sort === 'oldest'
        ? [asc(tickets.createdAt), asc(tickets.id)]
        : [desc(tickets.createdAt), desc(tickets.id)]),
    )
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total =
    found.length > 0
      ? found[0]!.total
      : page > 1
        ? (db.select({ n: count() }).from(tickets).where(where).get()?.n ?? 0)
        : 0;
  if (found.length === 0) return { rows: [], total };
  const byId = new Map(
    db
      .select()
      .from(tickets)
      .where(
        inArray(
          tickets.id,
          found.map((f) => f.id),
        ),
      )
      .all()
      .map((r) => [r.id, r]),
  );
  return { rows: found.map((f) => byId.get(f.id)!), total };
}
