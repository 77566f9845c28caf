import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { AuthUser } from '../auth/auth.service.js';
import { type Clock, compactLocalDate } from '../core/clock.js';
import type { Db, Tx } from '../core/db.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../core/errors.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { SlaService } from '../sla/sla.service.js';
import { type ActionContext, effectOf, factsOf } from './tickets.actions.js';
import {
  type Action,
  type Actor,
  decide,
  OPEN_STATUSES,
  type Relation,
  type TicketStatus,
  USER_ACTIONS,
} from './tickets.machine.js';
import {
  type AssignmentRow,
  type EventRow,
  type TicketFilter,
  type TicketRow,
  ticketsRepo,
} from './tickets.repo.js';
import { ACTION_BODIES, type ListQueryInput, type RegisterInput } from './tickets.schemas.js';
import { eventView, ticketView } from './tickets.view.js';

/** Who acts: a logged-in user, or the Yantai platform (its notices). */
export type Acting = { kind: 'user'; user: AuthUser } | { kind: 'upstream' };

/** What every committed change reports to the code that runs after commit (push, outbox delivery). */
export interface Committed {
  ticket: TicketRow;
  assignments: AssignmentRow[];
  event: EventRow;
}

const compiled = Object.fromEntries(
  Object.entries(ACTION_BODIES).map(([action, schema]) => [action, TypeCompiler.Compile(schema)]),
) as unknown as Record<(typeof USER_ACTIONS)[number], ReturnType<typeof TypeCompiler.Compile>>;

/** Validates an action body against its schema, answering 400 with the first field at fault. */
function validateBody(action: (typeof USER_ACTIONS)[number], body: unknown): Record<string, unknown> {
  const value = body ?? {};
  const check = compiled[action];
  const first = check.Errors(value).First();
  if (first) {
    const field = first.path.split('/').filter(Boolean).join('.') || 'body';
    throw badRequest(field, first.message);
  }
  const input = value as Record<string, unknown>;
  if (action === 'revisit' && input.reached === true && input.satisfaction === undefined) {
    throw badRequest('satisfaction', 'required when the caller was reached');
  }
  return input;
}

const isLive = (a: AssignmentRow) => !['returned', 'cancelled', 'closed'].includes(a.status);

/** Tickets: registration, every lifecycle action through one transactional path, reads scoped by role. */
export function createTicketsService(deps: {
  db: Db;
  clock: Clock;
  sla: SlaService;
  directory: Pick<DirectoryService, 'getDepartment' | 'getCategory' | 'departmentAndDescendants'>;
  /** Runs after each commit (later: realtime push, outbox wake-up). Must not throw. */
  afterCommit?: (c: Committed) => void;
}) {
  const { db, clock, sla, directory } = deps;
  const afterCommit = deps.afterCommit ?? (() => {});

  const actorName = (acting: Acting) =>
    acting.kind === 'upstream' ? '烟台市12345平台' : acting.user.displayName;

  /** What `acting` is to this ticket for the state machine. */
  function actorFor(
    acting: Acting,
    assignments: AssignmentRow[],
  ): { actor: Actor; own: AssignmentRow | undefined } {
    if (acting.kind === 'upstream') return { actor: { kind: 'upstream', relation: 'none' }, own: undefined };
    const { user } = acting;
    if (user.role !== 'handler') return { actor: { kind: user.role, relation: 'none' }, own: undefined };
    const own = assignments.find((a) => a.departmentId === user.departmentId && isLive(a));
    const relation: Relation = !own ? 'none' : own.parentId !== null ? 'child' : own.role;
    return {
      actor: {
        kind: 'handler',
        relation,
        assignmentStatus: own?.status,
        isTown: user.departmentLevel === 'town',
      },
      own,
    };
  }

  /** Whether a user may see the ticket at all (departments: only with a live assignment of their own). */
  function canSee(user: AuthUser, ticket: TicketRow): boolean {
    if (user.role !== 'handler') return true;
    return user.departmentId !== null && ticketsRepo.isAssignedTo(db, ticket.id, user.departmentId);
  }

  /**
   * The one path every change takes: load, decide, compute the effect, then write the ticket row,
   * its assignments and exactly one event in a single transaction. Nothing is told before commit.
   */
  function commitChange(
    no: string,
    action: Action,
    acting: Acting,
    input: Record<string, unknown>,
    visible: (ticket: TicketRow) => boolean,
  ): Committed {
    const committed = db.transaction(
      (tx: Tx) => {
        const ticket = ticketsRepo.byNo(tx, no);
        if (!ticket || !visible(ticket)) throw notFound(`工单 ${no}`);
        const assignments = ticketsRepo.assignmentsOf(tx, [ticket.id]);
        const { actor, own } = actorFor(acting, assignments);
        const facts = factsOf(action, ticket, input, () => sla.getPolicy().directAnswerRevisitEvery);
        const decision = decide(
          {
            status: ticket.status,
            upstream: ticket.upstreamOrderNo !== null,
            statusBeforeReturn: ticket.statusBeforeReturn,
          },
          action,
          actor,
          facts,
        );
        if (!decision.ok) {
          if (decision.code === 'forbidden') throw forbidden(decision.reason);
          throw conflict(decision.reason, { state: ticket.status });
        }
        const now = clock.now();
        const ctx: ActionContext = {
          now,
          ticket,
          assignments,
          own,
          input: input as ActionContext['input'],
          sla,
          lookup: {
            department: (id) => directory.getDepartment(id),
            openTicket: (target) => {
              const t = ticketsRepo.byNo(tx, target);
              return t && (OPEN_STATUSES as readonly TicketStatus[]).includes(t.status) ? t : undefined;
            },
          },
        };
        const effect = effectOf(action, ctx, decision.to);
        const closing = ['closed', 'merged', 'cancelled', 'returned_upstream'].includes(decision.to);
        ticketsRepo.updateTicket(tx, ticket.id, {
          ...effect.ticket,
          status: decision.to,
          updatedAt: now,
          ...(closing ? {} : { closedAt: effect.ticket?.closedAt ?? null }),
        });
        for (const a of effect.insertAssignments ?? [])
          ticketsRepo.insertAssignment(tx, { ...a, ticketId: ticket.id });
        for (const u of effect.updateAssignments ?? []) ticketsRepo.updateAssignment(tx, u.id, u.set);
        const event = ticketsRepo.appendEvent(tx, {
          ticketId: ticket.id,
          action,
          fromStatus: ticket.status,
          toStatus: decision.to,
          actorId: acting.kind === 'user' ? acting.user.id : null,
          actorName: actorName(acting),
          actorDepartmentId: acting.kind === 'user' ? acting.user.departmentId : null,
          assignmentId: effect.assignmentId ?? own?.id ?? null,
          note: effect.note ?? null,
          data: effect.data ?? null,
          at: now,
        });
        return {
          ticket: ticketsRepo.byId(tx, ticket.id)!,
          assignments: ticketsRepo.assignmentsOf(tx, [ticket.id]),
          event,
        };
      },
      { behavior: 'immediate' },
    );
    afterCommit(committed);
    return committed;
  }

  const masked = (user: AuthUser) => user.role === 'handler';

  return {
    /** Registers a ticket from a call or a walk-in (operator). */
    register(user: AuthUser, input: RegisterInput): Committed {
      if (input.categoryId !== undefined && !directory.getCategory(input.categoryId)) {
        throw badRequest('categoryId', `category ${input.categoryId} does not exist`);
      }
      const committed = db.transaction(
        (tx: Tx) => {
          const now = clock.now();
          const { no } = ticketsRepo.nextNumber(tx, compactLocalDate(now));
          const channel = input.channel ?? 'phone';
          const ticket = ticketsRepo.insertTicket(tx, {
            no,
            status: 'registered',
            appealType: input.appealType,
            categoryId: input.categoryId ?? null,
            title: input.title,
            content: input.content,
            callerName: input.caller.name ?? null,
            callerPhone: input.caller.phone,
            address: input.address ?? null,
            town: input.town ?? null,
            urgency: input.urgency ?? 'normal',
            confidential: input.confidential ?? false,
            channel,
            line: input.line ?? (channel === 'phone' ? '12345' : null),
            registeredBy: user.id,
            createdAt: now,
            updatedAt: now,
          });
          if (input.callId) ticketsRepo.linkCall(tx, ticket.id, input.callId);
          const event = ticketsRepo.appendEvent(tx, {
            ticketId: ticket.id,
            action: 'register',
            fromStatus: null,
            toStatus: 'registered',
            actorId: user.id,
            actorName: user.displayName,
            actorDepartmentId: user.departmentId,
            assignmentId: null,
            note: null,
            data: { channel, callId: input.callId ?? null },
            at: now,
          });
          return { ticket, assignments: [], event };
        },
        { behavior: 'immediate' },
      );
      afterCommit(committed);
      return committed;
    },

    /** Takes a user action on a ticket (`POST /api/tickets/{no}/actions/{action}`). */
    act(user: AuthUser, no: string, action: string, body: unknown): Committed {
      if (!(USER_ACTIONS as readonly string[]).includes(action)) {
        throw new AppError(404, 'UNKNOWN_ACTION', `未知操作「${action}」`);
      }
      const known = action as (typeof USER_ACTIONS)[number];
      const input = validateBody(known, body);
      return commitChange(no, known, { kind: 'user', user }, input, (t) => canSee(user, t));
    },

    /** Takes an action for the Yantai platform (its notices); used by the upstream module. */
    actUpstream(no: string, action: Action, input: Record<string, unknown>): Committed {
      return commitChange(no, action, { kind: 'upstream' }, input, () => true);
    },

    /** A ticket with its assignments, linked calls and full history, as the user may see it. */
    detail(user: AuthUser, no: string) {
      const ticket = ticketsRepo.byNo(db, no);
      if (!ticket || !canSee(user, ticket)) throw notFound(`工单 ${no}`);
      const now = clock.now();
      return {
        ...ticketView(ticket, ticketsRepo.assignmentsOf(db, [ticket.id]), now, masked(user)),
        callIds: ticketsRepo.callIdsOf(db, ticket.id),
        events: ticketsRepo.eventsOf(db, ticket.id).map(eventView),
      };
    },

    /** The view of a just-committed change for the acting user. */
    viewOf(user: AuthUser, c: Committed) {
      return ticketView(c.ticket, c.assignments, clock.now(), masked(user));
    },

    /** One page of tickets; departments only ever see their own. */
    list(user: AuthUser, q: ListQueryInput) {
      const filter: TicketFilter = {};
      if (q.status)
        filter.status = q.status
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
      if (q.appealType) filter.appealType = q.appealType;
      if (q.urgency) filter.urgency = q.urgency;
      if (q.deadline) filter.deadline = q.deadline;
      if (q.phone) filter.phone = q.phone;
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
        }
      } else if (q.department !== undefined) {
        filter.departmentIds = [q.department];
      }
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const now = clock.now();
      const { rows, total } = ticketsRepo.list(db, filter, now, page, pageSize);
      const all = ticketsRepo.assignmentsOf(
        db,
        rows.map((r) => r.id),
      );
      const items = rows.map((t) =>
        ticketView(
          t,
          all.filter((a) => a.ticketId === t.id),
          now,
          masked(user),
        ),
      );
      return { items, total, page, pageSize };
    },
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
