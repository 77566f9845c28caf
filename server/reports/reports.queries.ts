import { sql } from 'drizzle-orm';
import { toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { monthRange } from '../supervision/supervision.service.js';
import { callCountsByLine, sumCalls } from './reports.calls.js';
import { revisitCounts, revisitRates, upstreamCounts, upstreamRates } from './reports.centre-work.js';
import {
  COUNT_KEYS,
  centreLine,
  type DepartmentCounts,
  departmentRates,
  type LedgerRow,
  noCounts,
  totalOf,
} from './reports.kpi.js';
import { lineFigures, sumTickets, ticketCountsByLine } from './reports.lines.js';

type Counted = Partial<DepartmentCounts> & { d: number | null };

/** A revisit event's outcome, from its JSON data. */
const REACHED = sql.raw(`json_extract(e.data, '$.reached') = 1`);
const SATISFIED = sql.raw(`json_extract(e.data, '$.satisfaction') in ('satisfied', 'basically_satisfied')`);

/**
 * The month's report: per department, the counts of docs/reports.md taken from the event log (one month of it,
 * by its time index) and from the assignments still open now, then the rates; the total (合计); the centre's
 * direct answers and calls (reports.calls.ts), also per hotline line (reports.lines.ts: every line of
 * `configuredLines`, and any other with tickets or calls that month). A department disabled since still has its
 * line when it had work that month.
 */
export function monthlyReport(db: Db, month: string, now: number, configuredLines: readonly string[] = []) {
  const [from, to] = monthRange(month);
  // What ran out unsigned or unfinished counts up to now: a month still running has not run out yet.
  const end = Math.min(to, now);

  const dispatched = db.all<Counted>(sql`
    select department_id as d, count(*) as dispatched,
      coalesce(sum(role = 'lead' and parent_id is null), 0) as leadDispatched
    from assignments where dispatched_at >= ${from} and dispatched_at < ${to}
    group by department_id`);
  const overdue = db.all<Counted>(sql`
    select department_id as d,
      coalesce(sum(status = 'pending_sign' and sign_due_at >= ${from} and sign_due_at < ${end}), 0) as signOverdue,
      coalesce(sum(due_at >= ${from} and due_at < ${end}), 0) as handleOverdue
    from assignments where status in ('pending_sign', 'in_progress', 'return_requested')
    group by department_id`);
  // Events that name the assignment they are about: its department's.
  const work = db.all<Counted>(sql`
    select a.department_id as d,
      coalesce(sum(e.action = 'sign'), 0) as signed,
      coalesce(sum(e.action = 'sign' and json_extract(e.data, '$.late') = 0), 0) as signedOnTime,
      coalesce(sum(e.action = 'reply'), 0) as replied,
      coalesce(sum(e.action = 'reply' and json_extract(e.data, '$.late') = 0), 0) as repliedOnTime,
      coalesce(sum(e.action = 'approve_return'), 0) as returned,
      coalesce(sum(e.action in ('reject_reply', 'rework') or (e.action = 'revisit' and e.to_status = 'in_progress')), 0)
        as reworked,
      coalesce(sum(e.action = 'approve_reply' and e.to_status = 'pending_revisit'), 0) as approved,
      coalesce(sum(e.action = 'approve_reply' and e.to_status = 'pending_revisit' and exists (
        select 1 from ticket_events r where r.ticket_id = e.ticket_id and r.seq > e.seq and r.action = 'revisit'
          and json_extract(r.data, '$.reached') = 1)), 0) as approvedRevisited
    from ticket_events e join assignments a on a.id = e.assignment_id
    where e.at >= ${from} and e.at < ${to}
      and e.action in ('sign', 'reply', 'approve_return', 'reject_reply', 'rework', 'revisit', 'approve_reply')
    group by a.department_id`);
  // Revisits that reached the caller: about the department whose reply it rates, the one the last approval before
  // it named (a later return, merge or recall does not take it away from that department's month).
  const revisits = db.all<Counted>(sql`
    select d, count(*) as revisited, coalesce(sum(solved), 0) as solved,
      coalesce(sum(is_first), 0) as firstRevisits, coalesce(sum(is_first and satisfied), 0) as firstSatisfied,
      coalesce(sum(is_final), 0) as finalRevisits, coalesce(sum(is_final and satisfied), 0) as finalSatisfied
    from (
      select
        (select json_extract(p.data, '$.departmentId') from ticket_events p
          where p.ticket_id = e.ticket_id and p.seq < e.seq and p.action = 'approve_reply'
          order by p.seq desc limit 1) as d,
        json_extract(e.data, '$.solved') = 1 as solved,
        ${SATISFIED} as satisfied,
        not exists (select 1 from ticket_events p where p.ticket_id = e.ticket_id and p.seq < e.seq
          and p.action = 'revisit' and json_extract(p.data, '$.reached') = 1) as is_first,
        e.to_status = 'closed' as is_final
      from ticket_events e
      where e.at >= ${from} and e.at < ${to} and e.action = 'revisit' and ${REACHED}
    )
    where d is not null
    group by d`);

  const departments = db.all<{ id: number; name: string; disabled: number }>(
    sql`select id, name, disabled from departments order by id`,
  );
  const byId = new Map<number, DepartmentCounts>();
  for (const part of [dispatched, overdue, work, revisits]) {
    for (const { d, ...counts } of part) {
      if (d === null) continue;
      const name = departments.find((x) => x.id === d)?.name ?? `#${d}`;
      const row = byId.get(d) ?? noCounts(d, name);
      Object.assign(row, counts);
      byId.set(d, row);
    }
  }
  // A department disabled since keeps its line only for a month it had something in.
  const busy = (c: DepartmentCounts | undefined) => c !== undefined && COUNT_KEYS.some((k) => c[k] > 0);
  const rows = departments
    .filter((d) => !d.disabled || busy(byId.get(d.id)))
    .map((d) => byId.get(d.id) ?? noCounts(d.id, d.name));
  const withRates = (c: DepartmentCounts): LedgerRow => ({ ...c, ...departmentRates(c) });

  // Counted once, by line; the centre's figures are the sums (tickets without a line are in them, in no line).
  const ticketsByLine = ticketCountsByLine(db, from, to);
  const callsByLine = callCountsByLine(db, from, to);
  const upstream = upstreamCounts(db, from, to, end);
  const revisitWork = revisitCounts(db, from, to, end);

  return {
    month,
    from: toIso(from),
    to: toIso(to),
    at: toIso(now),
    departments: rows.map(withRates),
    total: withRates(totalOf(rows)),
    centre: {
      ...centreLine(sumTickets(ticketsByLine.values()), sumCalls(callsByLine.values())),
      lines: lineFigures(configuredLines, ticketsByLine, callsByLine),
    },
    upstream: { ...upstream, ...upstreamRates(upstream) },
    revisits: { ...revisitWork, ...revisitRates(revisitWork) },
  };
}

export type MonthlyReport = ReturnType<typeof monthlyReport>;
