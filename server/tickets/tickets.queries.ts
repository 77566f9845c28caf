import type { AuthUser } from '../auth/auth.service.js';
import { type Clock, toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { badRequest, forbidden, notFound } from '../core/errors.js';
import { phoneKey } from '../core/phone.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { TicketEventPayload } from '../realtime/realtime.contract.js';
import type { Committed } from './tickets.hooks.js';
import { listTickets, type TicketFilter } from './tickets.list.js';
import { OPEN_STATUSES, statusLabel, TICKET_STATUSES } from './tickets.machine.js';
import { type AssignmentRow, type EventRow, type TicketRow, ticketsRepo } from './tickets.repo.js';
import type { ListQueryInput } from './tickets.schemas.js';
import { type DeadlineClocks, eventView, ticketView } from './tickets.view.js';

/** What a department that lost a ticket must not learn about it on replay. */
const NOTHING_SINCE = {
  publicReply: null,
  internalNotes: null,
  directAnswer: null,
  solved: null,
  satisfactionFirst: null,
  satisfactionFinal: null,
  mergedInto: null,
  closedAt: null,
} satisfies Partial<TicketRow>;

/** The read side of tickets: what each user may see, one ticket in full, and the filtered list. */
export function createTicketQueries(deps: {
  db: Db;
  clock: Clock;
  directory: Pick<DirectoryService, 'departmentAndDescendants'>;
  /** The working calendar and the clocks' kinds, for the time left on each assignment. */
  clocks: () => DeadlineClocks;
  /** The actions a user may take on a ticket now (from the state machine, owned by the write side). */
  allowedActions: (user: AuthUser, ticket: TicketRow, assignments: AssignmentRow[]) => string[];
}) {
  const { db, clock, directory } = deps;
  const masked = (user: AuthUser) => user.role === 'handler';

  /** Whether a user may see the ticket at all (departments: only with a live assignment of their own). */
  function canSee(user: AuthUser, ticket: TicketRow): boolean {
    if (user.role !== 'handler') return true;
    return user.departmentId !== null && ticketsRepo.isAssignedTo(db, ticket.id, user.departmentId);
  }

  const payload = (
    event: EventRow,
    ticket: TicketRow,
    list: AssignmentRow[],
    hide: boolean,
  ): TicketEventPayload => ({
    seq: event.seq,
    action: event.action,
    ticketNo: ticket.no,
    ticket: ticketView(ticket, list, clock.now(), hide, deps.clocks()),
    at: toIso(event.at),
  });

  return {
    canSee,
    /** The live push payload of a committed change. */
    payloadOf: (c: Committed, hide: boolean): TicketEventPayload =>
      payload(c.event, c.ticket, c.assignments, hide),
    /**
     * Payloads of past events by seq, in seq order, each with its ticket as it is now (for replay). With a
     * `viewer`, events of tickets the viewer can no longer see are left out: a department whose return was
     * approved must not learn, through its old events, where the ticket went and what was replied since.
     */
    eventPayloads(seqs: number[], hide: boolean, viewer?: AuthUser): TicketEventPayload[] {
      const events = ticketsRepo.eventsBySeq(db, seqs);
      const ticketIds = [...new Set(events.map((e) => e.ticketId))];
      const rows = new Map(ticketsRepo.byIds(db, ticketIds).map((t) => [t.id, t]));
      const assigned = ticketsRepo.assignmentsOf(db, ticketIds);
      const visible = new Map<number, boolean>();
      return events.map((e) => {
        const ticket = rows.get(e.ticketId)!;
        const list = assigned.filter((a) => a.ticketId === e.ticketId);
        if (!viewer) return payload(e, ticket, list, hide);
        if (!visible.has(e.ticketId)) visible.set(e.ticketId, canSee(viewer, ticket));
        if (visible.get(e.ticketId)) return payload(e, ticket, list, hide);
        // No longer the viewer's (its return was approved): it still hears that the ticket left, as it would
        // have live, but not where it went or what was replied since.
        return payload(
          e,
          { ...ticket, status: e.toStatus as TicketRow['status'], ...NOTHING_SINCE },
          list.filter((a) => a.departmentId === viewer.departmentId),
          hide,
        );
      });
    },
    /**
     * A ticket's state in plain Chinese for the IVR, only when it is this caller's (null otherwise): the number
     * calling matches the one registered by its key (core/phone.ts), and a withheld number matches none.
     */
    statusForCaller(no: string, phone: string): string | null {
      const t = ticketsRepo.byNo(db, no);
      const key = phoneKey(phone);
      return t && key !== '' && t.callerPhoneKey === key ? statusLabel(t.status) : null;
    },
    /** A caller's tickets since `since`, newest first, open ones marked (the screen pop). */
    historyOf(phone: string, since: number) {
      return ticketsRepo.byPhoneSince(db, phone, since).map((t) => ({
        no: t.no,
        title: t.title,
        status: t.status,
        open: (OPEN_STATUSES as readonly string[]).includes(t.status),
        createdAt: toIso(t.createdAt),
      }));
    },
    /** The newest event's seq (0 before the first). */
    latestSeq: (): number => ticketsRepo.latestSeq(db),
    /** Seqs of every event after `after` (replay for those who see everything), at most `limit`. */
    seqsAfter: (after: number, limit: number): number[] => ticketsRepo.seqsAfter(db, after, limit),
    /** A ticket with its assignments, linked calls and full history, as the user may see it. */
    detail(user: AuthUser, no: string) {
      const ticket = ticketsRepo.byNo(db, no);
      if (!ticket || !canSee(user, ticket)) throw notFound(`工单 ${no}`);
      const now = clock.now();
      const assignments = ticketsRepo.assignmentsOf(db, [ticket.id]);
      return {
        ...ticketView(ticket, assignments, now, masked(user), deps.clocks()),
        callIds: ticketsRepo.callIdsOf(db, ticket.id),
        // 并入本单的工单: the duplicates merged into this one, those the user may see; their callers wait for this
        // ticket's answer too.
        mergedFrom: ticketsRepo
          .mergedInto(db, ticket.no)
          .filter((m) => canSee(user, m))
          .map((m) => ({ no: m.no, title: m.title, createdAt: toIso(m.createdAt) })),
        events: ticketsRepo.eventsOf(db, ticket.id).map(eventView),
        allowedActions: deps.allowedActions(user, ticket, assignments),
      };
    },

    /** The view of a just-committed change for the acting user. */
    viewOf(user: AuthUser, c: Committed) {
      return ticketView(c.ticket, c.assignments, clock.now(), masked(user), deps.clocks());
    },

    /** One page of tickets; departments only ever see their own. */
    list(user: AuthUser, q: ListQueryInput) {
      const filter: TicketFilter = {};
      if (q.status) {
        // Each status once: the list's prepared statements are kept per number of statuses.
        filter.status = [
          ...new Set(
            q.status
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          ),
        ];
        const unknown = filter.status.find((s) => !(TICKET_STATUSES as readonly string[]).includes(s));
        if (unknown !== undefined) throw badRequest('status', `没有「${unknown}」这个状态`);
      }
      if (q.appealType) filter.appealType = q.appealType;
      if (q.urgency) filter.urgency = q.urgency;
      if (q.channel) filter.channel = q.channel;
      if (q.line) filter.line = q.line;
      if (q.deadline) filter.deadline = q.deadline;
      if (q.pendingExtension) filter.pendingExtension = true;
      if (q.phone) {
        // Departments see every caller as 139****5678: searching by number would confirm a guessed one with no
        // record of the read (ten thousand tries at most). Their full numbers are read through 查看号码 only.
        if (masked(user))
          throw forbidden('承办单位不能按来电号码查询工单；完整号码请在工单内点“查看号码”（会留痕）');
        // By its key, as the caller is found everywhere: 0535-5651234 finds a ticket registered as 05355651234.
        filter.phoneKey = phoneKey(q.phone);
        if (filter.phoneKey === '')
          return { items: [], total: 0, page: q.page ?? 1, pageSize: q.pageSize ?? 20 };
      }
      if (q.q) filter.q = q.q;
      if (q.category) filter.categoryIds = [q.category];
      if (q.from) filter.from = Date.parse(`${q.from}T00:00:00+08:00`);
      if (q.to) filter.to = Date.parse(`${q.to}T00:00:00+08:00`) + 86_400_000;
      if (user.role === 'handler') {
        if (user.departmentId === null)
          return { items: [], total: 0, page: q.page ?? 1, pageSize: q.pageSize ?? 20 };
        filter.departmentIds = [user.departmentId];
        if (q.department !== undefined && q.department !== user.departmentId) {
          // A department may narrow to one of its own villages, never look at another department.
          const mine = directory.departmentAndDescendants(user.departmentId);
          if (!mine.includes(q.department))
            return { items: [], total: 0, page: q.page ?? 1, pageSize: q.pageSize ?? 20 };
          filter.departmentIds = [q.department];
          // A ticket the town returned is no longer the town's, whatever its village's assignment shows.
          filter.seenBy = user.departmentId;
        }
      } else if (q.department !== undefined) {
        filter.departmentIds = [q.department];
      }
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const now = clock.now();
      const { rows, total } = listTickets(db, filter, now, page, pageSize, q.sort ?? 'newest');
      const all = ticketsRepo.assignmentsOf(
        db,
        rows.map((r) => r.id),
      );
      const clocks = deps.clocks();
      const items = rows.map((t) =>
        ticketView(
          t,
          all.filter((a) => a.ticketId === t.id),
          now,
          masked(user),
          clocks,
        ),
      );
      return { items, total, page, pageSize };
    },
  };
}
