import { toIso } from '../core/clock.js';
import { badRequest, conflict } from '../core/errors.js';
import {
  type ActionContext,
  checkDispatchTarget,
  clocksFor,
  type Effect,
  finishAll,
  flagged,
  type Handler,
  isLive,
  NO_EXTENSION_REQUEST,
  reasonOf,
  requireLead,
  rework,
} from './tickets.effects.js';
import { EXTENSION_HANDLERS } from './tickets.extensions.js';
import type { Action } from './tickets.machine.js';
import type { AssignmentInsert, TicketInsert, TicketRow } from './tickets.repo.js';

export type { ActionContext, Effect } from './tickets.effects.js';

/** Whether the receipt (签收) of a Yantai order comes after Yantai's `signDueAt` (the monthly ledger counts it). */
const receiptLate = (ctx: ActionContext): boolean =>
  ctx.ticket.upstreamSignDueAt !== null && ctx.now > ctx.ticket.upstreamSignDueAt;

const HANDLERS: { [A in Action]: Handler<A> } = {
  answer: (ctx, to) => ({
    ticket: {
      directAnswer: ctx.input.answer,
      solved: true,
      ...(to === 'closed'
        ? { closedAt: ctx.now }
        : ctx.sla.revisitClock(ctx.now, ctx.ticket.urgency, ctx.ticket.appealType)),
    },
    data: {
      sampledForRevisit: to === 'pending_revisit',
      ...(ctx.input.knowledgeId === undefined ? {} : { knowledgeId: ctx.input.knowledgeId }),
    },
  }),
  submit: () => ({}),
  reject: (ctx) => ({ ticket: { closedAt: ctx.now }, note: ctx.input.reason }),
  dispatch(ctx) {
    const { lead: leadId, assists = [] } = ctx.input;
    checkDispatchTarget(ctx, leadId, 'lead');
    for (const [i, id] of assists.entries()) {
      if (id === leadId) throw badRequest(`assists.${i}`, '主办单位不能同时作为协办单位');
      checkDispatchTarget(ctx, id, `assists.${i}`);
    }
    const clocks = clocksFor(ctx);
    const base = { status: 'pending_sign' as const, dispatchedAt: ctx.now, ...clocks };
    const accepting = ctx.ticket.upstreamOrderNo !== null && ctx.ticket.acceptedAt === null;
    return {
      ticket: { statusBeforeReturn: null, ...(accepting ? { acceptedAt: ctx.now } : {}) },
      insertAssignments: [
        { ...base, departmentId: leadId, role: 'lead' },
        ...assists.map((id) => ({ ...base, departmentId: id, role: 'assist' as const })),
      ],
      data: {
        lead: leadId,
        assists,
        signDueAt: clocks.signDueAt,
        dueAt: clocks.dueAt,
        accepted: accepting,
        ...(accepting ? { receiptLate: receiptLate(ctx) } : {}),
      },
    };
  },
  // Accepting twice is refused by the state machine (`Subject.accepted`).
  accept: (ctx) => ({ ticket: { acceptedAt: ctx.now }, data: { receiptLate: receiptLate(ctx) } }),
  return_upstream: (ctx) => ({ ticket: { closedAt: ctx.now }, note: ctx.input.reason }),
  sign: (ctx) => ({
    updateAssignments: [{ id: ctx.own!.id, set: { status: 'in_progress', signedAt: ctx.now } }],
    assignmentId: ctx.own!.id,
    data: { late: ctx.now > ctx.own!.signDueAt },
  }),
  request_return(ctx) {
    const own = ctx.own!;
    if (ctx.now > own.returnDueAt) throw conflict('已超过退单时限，不能退单', { state: ctx.ticket.status });
    return {
      ticket: { statusBeforeReturn: ctx.ticket.status },
      updateAssignments: [
        { id: own.id, set: { status: 'return_requested', returnCount: own.returnCount + 1 } },
      ],
      assignmentId: own.id,
      note: ctx.input.reason,
    };
  },
  approve_return(ctx) {
    const a = ctx.assignments.find(
      (x) => x.status === 'return_requested' && x.role === 'lead' && x.parentId === null,
    );
    if (!a) throw conflict('没有待审核的退单申请', { state: ctx.ticket.status });
    return {
      ticket: { returnCount: ctx.ticket.returnCount + 1, statusBeforeReturn: null },
      updateAssignments: [
        { id: a.id, set: { status: 'returned', finishedAt: ctx.now, ...NO_EXTENSION_REQUEST } },
        ...finishAll(ctx, 'cancelled').filter((u) => u.id !== a.id),
      ],
      assignmentId: a.id,
      note: ctx.input.note ?? null,
      data: { departmentId: a.departmentId },
    };
  },
  deny_return(ctx, to) {
    const a = ctx.assignments.find(
      (x) => x.status === 'return_requested' && x.role === 'lead' && x.parentId === null,
    );
    if (!a) throw conflict('没有待审核的退单申请', { state: ctx.ticket.status });
    return {
      ticket: { statusBeforeReturn: null },
      updateAssignments: [
        { id: a.id, set: { status: to === 'dispatched' ? 'pending_sign' : 'in_progress' } },
      ],
      assignmentId: a.id,
      note: ctx.input.note ?? null,
    };
  },
  pass_down(ctx) {
    const own = ctx.own!;
    if (own.status !== 'in_progress') throw conflict('本单位须先签收才能下派', { state: ctx.ticket.status });
    const village = ctx.lookup.department(ctx.input.departmentId);
    if (
      !village ||
      village.disabled ||
      village.level !== 'village' ||
      village.parentId !== own.departmentId
    ) {
      throw badRequest('departmentId', '只能下派给本镇街所辖的村居');
    }
    const earlier = ctx.assignments.find((a) => a.departmentId === village.id && isLive(a));
    // A village that has replied may be sent the ticket again (after a rework, 重办): its finished assignment is
    // closed and a new one starts, so each pass-down keeps its own clocks and counts once.
    if (earlier && earlier.status !== 'replied') {
      throw conflict('该村居已在办理此工单', { state: ctx.ticket.status });
    }
    const clocks = clocksFor(ctx);
    // The village answers to the town: its clocks never run past the town's own. A town already past its due
    // gives the village the policy's clocks from now instead (still within Yantai's for an order): bound to the
    // town's, they would have run out before it got the ticket, and it would be carded for the town's lateness
    // the moment it did. The town stays red and answerable.
    const townBound = own.dueAt > ctx.now ? own.dueAt : Number.POSITIVE_INFINITY;
    const dueAt = Math.min(clocks.dueAt, townBound);
    const signDueAt = Math.min(clocks.signDueAt, dueAt);
    const policyDue = clocks.uncappedDueAt ?? clocks.dueAt;
    return {
      ...(earlier
        ? {
            updateAssignments: [
              { id: earlier.id, set: { status: 'closed' as const, ...NO_EXTENSION_REQUEST } },
            ],
          }
        : {}),
      insertAssignments: [
        {
          departmentId: village.id,
          role: own.role,
          parentId: own.id,
          status: 'pending_sign',
          dispatchedAt: ctx.now,
          signDueAt,
          signYellowAt: Math.min(clocks.signYellowAt, signDueAt),
          dueAt,
          yellowAt: Math.min(clocks.yellowAt, dueAt),
          returnDueAt: Math.min(clocks.returnDueAt, dueAt),
          uncappedDueAt: policyDue > dueAt ? policyDue : null,
        },
      ],
      assignmentId: own.id,
      data: { departmentId: village.id, dueAt, ...(earlier ? { again: true } : {}) },
    };
  },
  ...EXTENSION_HANDLERS,
  reply(ctx) {
    const own = ctx.own!;
    const ownUpdate = {
      id: own.id,
      // A reply withdraws an extension request still waiting: the work it asked time for is done.
      set: {
        status: 'replied',
        finishedAt: ctx.now,
        reply: ctx.input.publicReply,
        repliedBy: ctx.actorName,
        ...NO_EXTENSION_REQUEST,
      } as Partial<AssignmentInsert>,
    };
    const answersForTicket = own.role === 'lead' && own.parentId === null;
    return {
      ...(answersForTicket
        ? {
            ticket: {
              publicReply: ctx.input.publicReply,
              internalNotes: ctx.input.internalNotes ?? null,
              solved: ctx.input.solved,
            },
          }
        : {}),
      updateAssignments: [ownUpdate],
      assignmentId: own.id,
      note: ctx.input.internalNotes ?? null,
      data: {
        publicReply: ctx.input.publicReply,
        solved: ctx.input.solved,
        late: ctx.now > own.dueAt,
        ...(own.pendingExtensionDays === null ? {} : { extensionWithdrawn: own.pendingExtensionDays }),
      },
    };
  },
  approve_reply(ctx) {
    const a = requireLead(ctx);
    // The lead's reply answers for the whole ticket: an assist or a village still at work has nothing left to do
    // (its reply would be refused from here on), so its part is closed now, as closing the ticket would close it,
    // and its clock stops. Left running, it went red and was listed for a 督办单 and the 通报 for work it could
    // no longer do. A rework reopens the lead alone.
    const ended = ctx.assignments
      .filter((x) => x.id !== a.id && isLive(x) && x.status !== 'replied')
      .map((x) => ({
        id: x.id,
        set: { status: 'closed', finishedAt: ctx.now, ...NO_EXTENSION_REQUEST } as Partial<AssignmentInsert>,
      }));
    return {
      ticket: ctx.sla.revisitClock(ctx.now, ctx.ticket.urgency, ctx.ticket.appealType),
      ...(ended.length > 0 ? { updateAssignments: ended } : {}),
      assignmentId: a.id,
      note: ctx.input.note ?? null,
      data: { departmentId: a.departmentId, repliedBy: a.repliedBy, repliedAt: a.finishedAt },
    };
  },
  reject_reply: (ctx) => ({ ...rework(ctx), note: ctx.input.reason }),
  revisit(ctx, to) {
    const { reached, solved, satisfaction } = ctx.input;
    const counted: Partial<TicketInsert> = { revisitCount: ctx.ticket.revisitCount + 1 };
    const data = {
      reached,
      solved: solved ?? null,
      satisfaction: satisfaction ?? null,
      // 回访及时: made by the revisit clock's due (the monthly ledger counts it).
      late: ctx.ticket.revisitDueAt !== null && ctx.now > ctx.ticket.revisitDueAt,
    };
    const note = ctx.input.note ?? null;
    if (to === 'pending_revisit') return { ticket: counted, note, data };
    if (!reached) {
      // The last attempt the policy allows: 回访不成功. Closed as it was answered, with no satisfaction.
      return {
        ticket: { ...counted, closedAt: ctx.now },
        updateAssignments: finishAll(ctx, 'closed'),
        note,
        data: { ...data, attemptsUsedUp: true },
      };
    }
    const outcome: Partial<TicketInsert> = {
      ...counted,
      solved: solved ?? ctx.ticket.solved,
      satisfactionFirst: ctx.ticket.satisfactionFirst ?? satisfaction,
      satisfactionFinal: satisfaction,
    };
    if (to === 'in_progress') {
      const again = rework(ctx);
      return { ...again, ticket: { ...again.ticket, ...outcome }, note, data: { ...data, ...again.data } };
    }
    if (to === 'pending_dispatch') {
      // A direct answer that did not satisfy: no department had it, so it goes to one now (重办 through dispatch).
      return {
        ticket: {
          ...outcome,
          reworkCount: ctx.ticket.reworkCount + 1,
          closedAt: null,
          revisitDueAt: null,
          revisitYellowAt: null,
        },
        note,
        data,
      };
    }
    return {
      ticket: { ...outcome, closedAt: ctx.now },
      updateAssignments: finishAll(ctx, 'closed'),
      note,
      data,
    };
  },
  report_progress: (ctx) => ({ note: ctx.input.note, assignmentId: ctx.own!.id }),
  urge: (ctx) => flagged(ctx, 'urgeCount'),
  // Counted with the other urges (催办次数): the department hears it as one. The call is linked by the service.
  caller_urge: (ctx) => ({
    ticket: { urgeCount: ctx.ticket.urgeCount + 1 },
    note: ctx.input.message,
    data: { callId: ctx.input.callId ?? null },
  }),
  supervise: (ctx) => flagged(ctx, 'superviseCount'),
  merge(ctx) {
    const target = ctx.lookup.openTicket(ctx.input.into);
    if (!target) throw badRequest('into', `工单 ${ctx.input.into} 不存在或已办结，不能并入`);
    if (target.id === ctx.ticket.id) throw badRequest('into', '工单不能并入自身');
    return {
      ticket: { mergedInto: target.no, closedAt: ctx.now },
      updateAssignments: finishAll(ctx, 'cancelled'),
      data: { into: target.no },
    };
  },
  close: (ctx) => ({
    ticket: { closedAt: ctx.now },
    updateAssignments: finishAll(ctx, 'closed'),
    note: reasonOf(ctx.input),
  }),
  rework: (ctx) => {
    const dueAt = typeof ctx.input.dueAt === 'number' ? ctx.input.dueAt : undefined;
    return { ...rework(ctx, dueAt), note: reasonOf(ctx.input) };
  },
  recall: (ctx) => ({
    ticket: { closedAt: ctx.now },
    updateAssignments: finishAll(ctx, 'cancelled'),
    note: reasonOf(ctx.input),
  }),
  // Back to the dispatchers under Yantai's new deadlines; to be accepted (签收) again, which Yantai hears.
  retransfer: (ctx) => {
    const { signDueAt, dueAt, messageId } = ctx.input as {
      signDueAt: number;
      dueAt: number;
      messageId: string;
    };
    return {
      ticket: {
        acceptedAt: null,
        upstreamSignDueAt: signDueAt,
        upstreamDueAt: dueAt,
        upstreamReceivedAt: ctx.now,
        statusBeforeReturn: null,
      },
      note: '市平台重新转办',
      data: { messageId, signDueAt: toIso(signDueAt), dueAt: toIso(dueAt) },
    };
  },
};

/** The change `action` makes to the ticket given its context; throws 400/409 AppErrors. */
export function effectOf(action: Action, ctx: ActionContext, to: TicketRow['status']): Effect {
  return (HANDLERS[action] as Handler<Action>)(ctx, to);
}
