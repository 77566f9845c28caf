// The ticket lists (`GET /api/tickets`): the filter, the deadline cards as SQL, and one page with its total.
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../core/db.js';
import { prepared } from '../core/prepared.js';
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
  /** The hotline line it was taken on (受理线路: 12345, 89000…); tickets with no line (a walk-in, the web) never match. */
  line?: string;
  deadline?: 'yellow' | 'red';
  /** Only tickets with an extension request waiting for a supervisor (on one of `departmentIds`, if given). */
  pendingExtension?: boolean;
  /** The caller's phone key (core/phone.ts `phoneKey`), never '' (a number without digits matches nothing). */
  phoneKey?: string;
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
  if (f.line) conds.push(eq(tickets.line, f.line));
  if (f.phoneKey) conds.push(eq(tickets.callerPhoneKey, f.phoneKey));
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
  /** Conditions on the ticket row itself (status, type, words…). */
  const ticketLevel = conds.length;
  const assignmentConds: SQL[] = [];
  if (f.departmentIds)
    assignmentConds.push(inArray(assignments.departmentId, f.departmentIds), visibleAssignment);
  if (f.deadline) assignmentConds.push(deadlineCondition(f.deadline, now));
  // A request can only wait on an assignment at work (one that returned or was cancelled took it along).
  if (f.pendingExtension)
    assignmentConds.push(isNotNull(assignments.pendingExtensionDays), eq(assignments.status, 'in_progress'));
  // The ticket's status is copied onto its assignments: a department's list by status reads only the matching
  // ones (assignments_inbox_idx), not the department's whole history.
  const byStatus = f.status?.length ? [inArray(assignments.ticketStatus, f.status)] : [];
  if (assignmentConds.length > 0) assignmentConds.push(...byStatus);
  if (f.seenBy !== undefined) {
    conds.push(
      inArray(
        tickets.id,
        db
          .select({ id: assignments.ticketId })
          .from(assignments)
          .where(and(eq(assignments.departmentId, f.seenBy), visibleAssignment, ...byStatus)),
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
  // A department's list by status and nothing else (承办工单's tabs, the most frequent read): the page and the
  // count come from its assignments alone, newest ticket first, without reading a ticket row.
  const onlyInbox =
    f.departmentIds !== undefined &&
    f.status?.length &&
    ticketLevel === 1 &&
    assignmentConds.length === 3 &&
    f.seenBy === undefined;
  if (onlyInbox) {
    const departmentIds = f.departmentIds!;
    const statuses = f.status!;
    // Built and prepared once per shape (how many departments and statuses, which order): building drizzle SQL
    // cost more than running it.
    const query = prepared(db, `tickets.inbox:${departmentIds.length}:${statuses.length}:${sort}`, (d) => {
      const mine = d
        .selectDistinct({ id: assignments.ticketId, createdAt: assignments.ticketCreatedAt })
        .from(assignments)
        .where(
          and(
            inArray(
              assignments.departmentId,
              departmentIds.map((_, i) => sql.placeholder(`d${i}`)),
            ),
            visibleAssignment,
            inArray(
              assignments.ticketStatus,
              statuses.map((_, i) => sql.placeholder(`s${i}`)),
            ),
          ),
        )
        .as('mine');
      return d
        .select({ id: mine.id, total: sql<number>`count(*) over ()` })
        .from(mine)
        .orderBy(
          ...(sort === 'oldest'
            ? [asc(mine.createdAt), asc(mine.id)]
            : [desc(mine.createdAt), desc(mine.id)]),
        )
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset'))
        .prepare();
    });
    const params: Record<string, unknown> = { limit: pageSize, offset: (page - 1) * pageSize };
    departmentIds.forEach((id, i) => {
      params[`d${i}`] = id;
    });
    statuses.forEach((st, i) => {
      params[`s${i}`] = st;
    });
    const found = query.all(params) as { id: number; total: number }[];
    // Past the last page: the same matches counted without a limit.
    return pageOf(db, found, page, () => query.all({ ...params, limit: -1, offset: 0 }).length);
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
  return pageOf(db, found, page, () => db.select({ n: count() }).from(tickets).where(where).get()?.n ?? 0);
}

/** The page's whole rows, in the page's order, and the total (counted apart only for a page past the end). */
function pageOf(
  db: DbOrTx,
  found: { id: number; total: number }[],
  page: number,
  countAll: () => number,
): { rows: TicketRow[]; total: number } {
  const total = found.length > 0 ? found[0]!.total : page > 1 ? countAll() : 0;
  if (found.length === 0) return { rows: [], total };
  // Prepared once per page length (a page is at most 200 rows).
  const rows = prepared(db, `tickets.page:${found.length}`, (d) =>
    d
      .select()
      .from(tickets)
      .where(
        inArray(
          tickets.id,
          found.map((_, i) => sql.placeholder(`i${i}`)),
        ),
      )
      .prepare(),
  ).all(Object.fromEntries(found.map((f, i) => [`i${i}`, f.id])));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: found.map((f) => byId.get(f.id)!), total };
}
