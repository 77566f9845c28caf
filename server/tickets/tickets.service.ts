import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { AuthUser } from '../auth/auth.service.js';
import { type Clock, toIso } from '../core/clock.js';
import { type Db, type DbOrTx, withinTransaction } from '../core/db.js';
import { AppError, badRequest, conflict, forbidden, notFound, schemaError } from '../core/errors.js';
import { typeboxMessage } from '../core/validation-messages.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { SlaService } from '../sla/sla.service.js';
import { type ActionContext, effectOf } from './tickets.actions.js';
import { createCommitter } from './tickets.commit.js';
import { liveLead } from './tickets.effects.js';
import { factsOf, unreachedRevisitsOfRound } from './tickets.facts.js';
import type { CommitHooks, Committed } from './tickets.hooks.js';
import {
  type Action,
  type Actor,
  decide,
  OPEN_STATUSES,
  type Relation,
  statusLabel,
  type TicketStatus,
  USER_ACTIONS,
} from './tickets.machine.js';
import { createTicketQueries } from './tickets.queries.js';
import { createRegistration, UPSTREAM_ACTOR } from './tickets.register.js';
import { createSystemChanges } from './tickets.system-changes.js';

export type { UpstreamOrderInput } from './tickets.register.js';

import { type AssignmentRow, type TicketRow, ticketsRepo } from './tickets.repo.js';
import { ACTION_BODIES } from './tickets.schemas.js';
import type { DeadlineClocks } from './tickets.view.js';

/** Who acts: a logged-in user, or the Yantai platform (its notices). */
export type Acting = { kind: 'user'; user: AuthUser } | { kind: 'upstream' };

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
    throw schemaError(field, typeboxMessage(first));
  }
  const input = value as Record<string, unknown>;
  // A revisit that reached the caller records both what the 12345 rates count: solved (解决率), satisfied (满意率).
  if (action === 'revisit' && input.reached === true && input.solved === undefined) {
    throw badRequest('solved', '联系上来电人时须填写诉求是否解决');
  }
  if (action === 'revisit' && input.reached === true && input.satisfaction === undefined) {
    throw badRequest('satisfaction', '联系上来电人时须填写满意度');
  }
  return input;
}

/**
 * The department's own assignment on a ticket: any but one it returned or that was cancelled, and the newest of
 * them (a village passed the ticket again after a rework has its finished one and the new one).
 */
const ownAssignment = (assignments: AssignmentRow[], departmentId: number | null) =>
  assignments.findLast(
    (a) => a.departmentId === departmentId && a.status !== 'returned' && a.status !== 'cancelled',
  );

/** Tickets: registration, every lifecycle action through one transactional path, reads scoped by role. */
export function createTicketsService(deps: {
  db: Db;
  clock: Clock;
  sla: SlaService;
  directory: Pick<DirectoryService, 'getDepartment' | 'getCategory' | 'departmentAndDescendants'>;
  hooks: CommitHooks;
  /** The dialled line of a call on record, from the calls module (none before it is wired). */
  lineOfCall?: (callId: string) => string | null;
}) {
  const { db, clock, sla, directory, hooks } = deps;
  const lineOfCall = deps.lineOfCall ?? (() => null);

  const { finish, withNextCheck } = createCommitter(hooks);

  const actorName = (acting: Acting) =>
    acting.kind === 'upstream' ? UPSTREAM_ACTOR : acting.user.displayName;

  /** What `acting` is to this ticket for the state machine. */
  function actorFor(
    acting: Acting,
    assignments: AssignmentRow[],
  ): { actor: Actor; own: AssignmentRow | undefined } {
    if (acting.kind === 'upstream') return { actor: { kind: 'upstream', relation: 'none' }, own: undefined };
    const { user } = acting;
    if (user.role !== 'handler') return { actor: { kind: user.role, relation: 'none' }, own: undefined };
    const own = ownAssignment(assignments, user.departmentId);
    const relation: Relation = !own ? 'none' : own.parentId !== null ? 'child' : own.role;
    // Without a live part, the one it had (returned, cancelled) says why it cannot act.
    const had = own ?? assignments.findLast((a) => a.departmentId === user.departmentId);
    return {
      actor: {
        kind: 'handler',
        relation,
        assignmentStatus: had?.status,
        isTown: user.departmentLevel === 'town',
      },
      own,
    };
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
    within?: (tx: DbOrTx, c: Committed) => void,
  ): Committed {
    const committed = withinTransaction(db, (tx) => {
      const ticket = ticketsRepo.byNo(tx, no);
      if (!ticket || !visible(ticket)) throw notFound(`工单 ${no}`);
      const assignments = ticketsRepo.assignmentsOf(tx, [ticket.id]);
      const { actor, own } = actorFor(acting, assignments);
      const facts = factsOf(
        action,
        ticket,
        assignments,
        input,
        () => sla.getPolicy().directAnswerRevisitEvery,
        () => ({
          made: unreachedRevisitsOfRound(ticketsRepo.eventsOf(tx, ticket.id)),
          limit: sla.getPolicy().revisitAttempts,
        }),
      );
      const decision = decide(
        {
          status: ticket.status,
          upstream: ticket.upstreamOrderNo !== null,
          statusBeforeReturn: ticket.statusBeforeReturn,
          accepted: ticket.acceptedAt !== null,
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
        actorName: actorName(acting),
        byUpstream: acting.kind === 'upstream',
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
        // Only a change of status is written as one (it is copied onto the assignments: updateTicket).
        ...(decision.to === ticket.status ? {} : { status: decision.to }),
        updatedAt: now,
        ...(closing ? {} : { closedAt: effect.ticket?.closedAt ?? null }),
      });
      for (const a of effect.insertAssignments ?? [])
        ticketsRepo.insertAssignment(tx, {
          ...a,
          ticketId: ticket.id,
          ticketStatus: decision.to,
          ticketCreatedAt: ticket.createdAt,
        });
      for (const u of effect.updateAssignments ?? []) ticketsRepo.updateAssignment(tx, u.id, u.set);
      const committed = finish(tx, ticket.id, {
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
      within?.(tx, committed);
      return committed;
    });
    hooks.runAfterCommit(committed);
    return committed;
  }

  /** Every user action the state machine allows `user` on this ticket now; input checks may still refuse. */
  function allowedActions(user: AuthUser, ticket: TicketRow, assignments: AssignmentRow[]): string[] {
    const { actor, own } = actorFor({ kind: 'user', user }, assignments);
    const subject = {
      status: ticket.status,
      upstream: ticket.upstreamOrderNo !== null,
      statusBeforeReturn: ticket.statusBeforeReturn,
      accepted: ticket.acceptedAt !== null,
    };
    // Deciding an extension needs one to be pending; the machine only knows the ticket's state.
    // Only the live lead's request can be decided (approve_extension and deny_extension take the lead's).
    const extensionPending = liveLead(assignments)?.pendingExtensionDays != null;
    return USER_ACTIONS.filter(
      (action) =>
        decide(subject, action, actor).ok &&
        (extensionPending || (action !== 'approve_extension' && action !== 'deny_extension')) &&
        // One request at a time: a department with one waiting is not offered another.
        (action !== 'request_extension' || own?.pendingExtensionDays == null),
    );
  }

  const clocks = (): DeadlineClocks => ({
    calendar: sla.calendar(),
    wallClock: (t, kind) => sla.isWallClock(t.urgency, t.appealType, kind),
  });
  const queries = createTicketQueries({ db, clock, directory, allowedActions, clocks });
  const { canSee } = queries;

  return {
    ...queries,
    ...createRegistration({ db, clock, directory, finish, hooks, lineOfCall }),

    ...createSystemChanges({ db, clock, hooks, finish, withNextCheck, calendar: () => sla.calendar() }),

    /**
     * The caller's full number (查看号码). Departments see every number masked; reading one is an event of the
     * ticket, in its history (DESIGN §9), and a confidential caller's is never theirs to read (403). Other staff
     * see the number in every answer anyway: theirs is not recorded.
     */
    revealPhone(user: AuthUser, no: string): string {
      const ticket = ticketsRepo.byNo(db, no);
      if (!ticket || !canSee(user, ticket)) throw notFound(`工单 ${no}`);
      if (user.role !== 'handler') return ticket.callerPhone;
      if (ticket.confidential) throw forbidden('保密工单的来电号码不向承办单位显示');
      const own = ownAssignment(ticketsRepo.assignmentsOf(db, [ticket.id]), user.departmentId);
      // A department that returned the ticket, or whose part was cancelled, may still read it but no longer calls.
      if (!own) throw forbidden('本单位已不承办该工单，不能查看来电号码');
      const committed = withinTransaction(db, (tx) =>
        finish(tx, ticket.id, {
          ticketId: ticket.id,
          action: 'view_phone',
          fromStatus: ticket.status,
          toStatus: ticket.status,
          actorId: user.id,
          actorName: user.displayName,
          actorDepartmentId: user.departmentId,
          assignmentId: own?.id ?? null,
          note: null,
          data: null,
          at: clock.now(),
        }),
      );
      hooks.runAfterCommit(committed);
      return ticket.callerPhone;
    },

    /** The ticket an upstream order became, if any. */
    findByOrderNo: (orderNo: string): TicketRow | undefined => ticketsRepo.byOrderNo(db, orderNo),

    /** The clocks a dispatch made now would give (sign, handle, yellow cards, return window), kept inside Yantai's due. */
    dispatchPreview(user: AuthUser, no: string) {
      const ticket = ticketsRepo.byNo(db, no);
      if (!ticket || !canSee(user, ticket)) throw notFound(`工单 ${no}`);
      if (ticket.status !== 'pending_dispatch') {
        throw conflict(`工单当前状态为「${statusLabel(ticket.status)}」，不是待派单`, {
          state: ticket.status,
        });
      }
      const now = clock.now();
      const c = sla.assignmentClocks(now, ticket.urgency, ticket.appealType, ticket.upstreamDueAt);
      return {
        at: toIso(now),
        signDueAt: toIso(c.signDueAt),
        signYellowAt: toIso(c.signYellowAt),
        dueAt: toIso(c.dueAt),
        yellowAt: toIso(c.yellowAt),
        returnDueAt: toIso(c.returnDueAt),
        upstreamDueAt: ticket.upstreamDueAt === null ? null : toIso(ticket.upstreamDueAt),
      };
    },

    /** Takes a user action on a ticket (`POST /api/tickets/{no}/actions/{action}`). */
    act(user: AuthUser, no: string, action: string, body: unknown): Committed {
      if (!(USER_ACTIONS as readonly string[]).includes(action)) {
        throw new AppError(404, 'UNKNOWN_ACTION', `未知操作「${action}」`);
      }
      const known = action as (typeof USER_ACTIONS)[number];
      const input = validateBody(known, body);
      const callId = known === 'caller_urge' ? (input as { callId?: string }).callId : undefined;
      if (callId !== undefined && lineOfCall(callId) === null) {
        throw badRequest('callId', `没有这通来电（${callId}）`);
      }
      return commitChange(
        no,
        known,
        { kind: 'user', user },
        input,
        (t) => canSee(user, t),
        // The call that brought the urge joins the ticket's calls (once: the same call again is refused).
        callId === undefined
          ? undefined
          : (tx, c) => {
              if (ticketsRepo.callIdsOf(tx, c.ticket.id).includes(callId)) {
                throw badRequest('callId', `来电 ${callId} 已关联此工单`);
              }
              ticketsRepo.linkCall(tx, c.ticket.id, callId);
            },
      );
    },

    /**
     * Takes an action for the Yantai platform (its notices); `within` writes in the same transaction
     * (the upstream module records the notice's messageId there, so a repeat changes nothing).
     */
    actUpstream(
      no: string,
      action: Action,
      input: Record<string, unknown>,
      within?: (tx: DbOrTx, c: Committed) => void,
    ): Committed {
      return commitChange(no, action, { kind: 'upstream' }, input, () => true, within);
    },
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
