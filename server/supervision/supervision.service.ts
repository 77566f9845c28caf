import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AuthUser } from '../auth/auth.service.js';
import { type Clock, CST_OFFSET_MS, toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { conflict, forbidden, notFound } from '../core/errors.js';
import { rate } from '../core/rate.js';
import type { SlaService } from '../sla/sla.service.js';
import { reworkableLead } from '../tickets/tickets.effects.js';
import type { CommitHooks } from '../tickets/tickets.hooks.js';
import { type ITEM_STATUSES, supervisionItems } from './supervision.tables.js';

type ItemRow = typeof supervisionItems.$inferSelect;

/** [start, end) of a local (UTC+8) month `YYYY-MM`, in epoch ms. */
export function monthRange(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [Date.UTC(y, m - 1, 1) - CST_OFFSET_MS, Date.UTC(y, m, 1) - CST_OFFSET_MS];
}

/** The local month `YYYY-MM` of an instant. */
export const monthOf = (ms: number) => new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 7);

function itemView(r: ItemRow) {
  return {
    id: r.id,
    ticketNo: r.ticketNo,
    departmentId: r.departmentId,
    kind: r.kind,
    reason: r.reason,
    status: r.status,
    responseDueAt: toIso(r.responseDueAt),
    response: r.response,
    respondedBy: r.respondedBy,
    respondedAt: r.respondedAt === null ? null : toIso(r.respondedAt),
    createdAt: toIso(r.createdAt),
  };
}

/**
 * Supervision (督办): items raised by red cards and by supervisors, the departments' answers, the live
 * overview per department and the month's notice list. The overview and the notice list are reports:
 * they read the assignments and departments tables directly.
 */
export function createSupervisionService(deps: {
  db: Db;
  clock: Clock;
  sla: Pick<SlaService, 'calendar'>;
  hooks: CommitHooks;
}) {
  const { db, clock, sla, hooks } = deps;

  // A red card on the handling or signing clock, or a supervisor's 督办, raises an item in the same transaction.
  hooks.inTransaction((tx, c) => {
    const { event, ticket, assignments } = c;
    if (event.action !== 'red' && event.action !== 'supervise') return;
    const target =
      event.action === 'red'
        ? assignments.find((a) => a.id === event.assignmentId)
        : reworkableLead(assignments);
    if (!target) return;
    const now = clock.now();
    tx.insert(supervisionItems)
      .values({
        ticketId: ticket.id,
        ticketNo: ticket.no,
        assignmentId: target.id,
        departmentId: target.departmentId,
        kind: event.action === 'red' ? 'overdue' : 'supervise',
        reason: event.action === 'red' ? overdueReason(ticket.no, event.data) : event.note || '督办',
        status: 'open',
        responseDueAt: sla.calendar().addWorkingDays(now, 1),
        sourceSeq: event.seq,
        createdAt: now,
      })
      .run();
  });

  // A department that no longer handles the ticket (its return approved; the ticket recalled or merged) has
  // nothing left to answer: its open items are withdrawn in the same transaction, saying why. Only those three
  // actions end an assignment so (returned, cancelled); every other commit leaves the items alone.
  hooks.inTransaction((tx, c) => {
    const because = WITHDRAWN_BECAUSE.get(c.event.action);
    if (!because) return;
    const gone = c.assignments
      .filter((a) => a.status === 'returned' || a.status === 'cancelled')
      .map((a) => a.id);
    if (gone.length === 0) return;
    tx.update(supervisionItems)
      .set({ status: 'withdrawn', response: because, respondedAt: clock.now() })
      .where(and(eq(supervisionItems.status, 'open'), inArray(supervisionItems.assignmentId, gone)))
      .run();
  });

  return {
    /** Supervision items; a department sees only its own. */
    listItems(user: AuthUser, f: { status?: (typeof ITEM_STATUSES)[number] }) {
      const conds = [];
      if (f.status) conds.push(eq(supervisionItems.status, f.status));
      if (user.role === 'handler') conds.push(eq(supervisionItems.departmentId, user.departmentId ?? -1));
      return db
        .select()
        .from(supervisionItems)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(asc(supervisionItems.id))
        .all()
        .map(itemView);
    },

    /** The department answers its item (once). */
    respond(user: AuthUser, id: number, response: string) {
      const item = db.select().from(supervisionItems).where(eq(supervisionItems.id, id)).get();
      if (!item || (user.role === 'handler' && item.departmentId !== user.departmentId)) {
        throw notFound(`督办单 ${id}`);
      }
      if (user.role !== 'handler') throw forbidden('督办单由承办单位答复');
      if (item.status === 'withdrawn') throw conflict('该督办单已撤销，无需答复', { state: item.status });
      if (item.status !== 'open') throw conflict('该督办单已答复', { state: item.status });
      const now = clock.now();
      db.update(supervisionItems)
        .set({ status: 'answered', response, respondedBy: user.displayName, respondedAt: now })
        .where(eq(supervisionItems.id, id))
        .run();
      return itemView(db.select().from(supervisionItems).where(eq(supervisionItems.id, id)).get()!);
    },

    /** Per department, now: open, on time, yellow, red, on the notice list, items open; this month's rates. */
    overview() {
      const now = clock.now();
      const [monthStart] = monthRange(monthOf(now));
      const rows = db.all<{
        id: number;
        name: string;
        open: number;
        yellow: number;
        red: number;
        noticed: number;
        signed: number;
        signedOnTime: number;
        finished: number;
        finishedOnTime: number;
        itemsOpen: number;
      }>(sql`
        select d.id, d.name,
          coalesce(sum(a.status in ('pending_sign','in_progress','return_requested')), 0) as open,
          coalesce(sum(case
            when a.status = 'pending_sign' then ${now} >= a.sign_yellow_at and ${now} <= a.sign_due_at
            when a.status in ('in_progress','return_requested') then ${now} >= a.yellow_at and ${now} <= a.due_at
            else 0 end), 0) as yellow,
          coalesce(sum(case
            when a.status = 'pending_sign' then ${now} > a.sign_due_at
            when a.status in ('in_progress','return_requested') then ${now} > a.due_at
            else 0 end), 0) as red,
          coalesce(sum(a.status in ('pending_sign','in_progress','return_requested') and a.noticed_at >= a.notice_due_at
            and a.card_due_at = a.due_at), 0) as noticed,
          coalesce(sum(a.signed_at >= ${monthStart}), 0) as signed,
          coalesce(sum(a.signed_at >= ${monthStart} and a.signed_at <= a.sign_due_at), 0) as signedOnTime,
          coalesce(sum(a.status in ('replied','closed') and a.finished_at >= ${monthStart}), 0) as finished,
          coalesce(sum(a.status in ('replied','closed') and a.finished_at >= ${monthStart} and a.finished_at <= a.due_at), 0) as finishedOnTime,
          (select count(*) from supervision_items s where s.department_id = d.id and s.status = 'open') as itemsOpen
        from departments d
        left join assignments a on a.department_id = d.id
        where d.disabled = 0
        group by d.id
        order by d.id`);
      return {
        at: toIso(now),
        month: monthOf(now),
        departments: rows.map((r) => ({
          departmentId: r.id,
          name: r.name,
          open: r.open,
          onTime: r.open - r.yellow - r.red,
          yellow: r.yellow,
          red: r.red,
          overdue: r.noticed,
          supervisionOpen: r.itemsOpen,
          onTimeSignRate: rate(r.signedOnTime, r.signed),
          onTimeCompletionRate: rate(r.finishedOnTime, r.finished),
        })),
      };
    },

    /**
     * The month's notice list (通报): each listing that month, 5 working days past the due it ran out, with that
     * due (an assignment reworked or extended and late again is listed again, against its new due).
     */
    notices(month: string) {
      const [from, to] = monthRange(month);
      return db
        .all<{
          no: string;
          title: string;
          departmentId: number;
          name: string;
          dueAt: number;
          noticedAt: number;
          status: string;
        }>(
          sql`select t.no, t.title, a.department_id as departmentId, d.name, n.due_at as dueAt,
                n.noticed_at as noticedAt, a.status
              from assignment_notices n join assignments a on a.id = n.assignment_id
                join tickets t on t.id = a.ticket_id join departments d on d.id = a.department_id
              where n.noticed_at >= ${from} and n.noticed_at < ${to}
              order by n.noticed_at, n.id`,
        )
        .map((r) => ({
          ticketNo: r.no,
          title: r.title,
          departmentId: r.departmentId,
          department: r.name,
          dueAt: toIso(r.dueAt),
          noticedAt: toIso(r.noticedAt),
          status: r.status,
        }));
    },
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;

/** Why a 督办单 was withdrawn, by the change that took the ticket from its department. */
const WITHDRAWN_BECAUSE = new Map<string, string>([
  ['approve_return', '退单已批准，本单位不再办理，督办单撤销'],
  ['recall', '市平台已撤回工单，督办单撤销'],
  ['merge', '工单已并单办理，督办单撤销'],
]);

/** What a red card's 督办单 says: which clock ran out, signing (签收) or handling (办理). */
export function overdueReason(ticketNo: string, data: unknown): string {
  const clock = (data as { clock?: string } | null)?.clock;
  return `工单 ${ticketNo} 已超过${clock === 'sign' ? '签收' : '办理'}时限`;
}
