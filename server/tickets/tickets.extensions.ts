// 延期: a department asks for more time on its own part, the centre grants or denies it. An order from Yantai is
// extended locally only within Yantai's due; the bridge asks Yantai for the rest (延期申请).
import { conflict } from '../core/errors.js';
import { type Handler, requireLead } from './tickets.effects.js';

type ExtensionAction = 'request_extension' | 'approve_extension' | 'deny_extension';

export const EXTENSION_HANDLERS: { [A in ExtensionAction]: Handler<A> } = {
  request_extension(ctx) {
    const own = ctx.own!;
    if (own.pendingExtensionDays !== null)
      throw conflict('已有待审核的延期申请', { state: ctx.ticket.status });
    if (ctx.now >= own.dueAt) throw conflict('延期须在办理期限届满前申请', { state: ctx.ticket.status });
    const cap = ctx.sla.extensionCapDays(ctx.ticket.urgency, ctx.ticket.appealType);
    if (own.extensionDays + ctx.input.days > cap) {
      throw conflict(`延期累计不得超过 ${cap} 个工作日（已延期 ${own.extensionDays} 个工作日）`, {
        state: ctx.ticket.status,
      });
    }
    return {
      updateAssignments: [
        {
          id: own.id,
          set: { pendingExtensionDays: ctx.input.days, pendingExtensionReason: ctx.input.reason },
        },
      ],
      assignmentId: own.id,
      note: ctx.input.reason,
      data: { days: ctx.input.days },
    };
  },
  approve_extension(ctx) {
    const a = requireLead(ctx);
    if (a.pendingExtensionDays === null) throw conflict('没有待审核的延期申请', { state: ctx.ticket.status });
    const days = a.pendingExtensionDays;
    // An order cannot be extended past Yantai's due here: the bridge asks Yantai for the time (延期申请).
    const bound =
      ctx.ticket.upstreamDueAt === null
        ? Number.POSITIVE_INFINITY
        : ctx.sla.upstreamBound(ctx.ticket.upstreamDueAt, ctx.now);
    const moved = ctx.sla.extendDue(
      { dueAt: a.dueAt, uncappedDueAt: a.uncappedDueAt, startedAt: a.signedAt ?? a.dispatchedAt },
      days,
      bound,
    );
    const exceedsUpstream = moved.requestedDueAt > moved.dueAt;
    return {
      ticket: { extensionCount: ctx.ticket.extensionCount + 1 },
      updateAssignments: [
        {
          id: a.id,
          set: {
            dueAt: moved.dueAt,
            yellowAt: moved.yellowAt,
            uncappedDueAt: moved.uncappedDueAt,
            extensionDays: a.extensionDays + days,
            extensionCount: a.extensionCount + 1,
            pendingExtensionDays: null,
            pendingExtensionReason: null,
          },
        },
      ],
      assignmentId: a.id,
      note: ctx.input.note ?? null,
      data: {
        days,
        reason: a.pendingExtensionReason,
        dueAt: moved.dueAt,
        previousDueAt: a.dueAt,
        requestedDueAt: moved.requestedDueAt,
        exceedsUpstream,
      },
    };
  },
  deny_extension(ctx) {
    const a = requireLead(ctx);
    if (a.pendingExtensionDays === null) throw conflict('没有待审核的延期申请', { state: ctx.ticket.status });
    return {
      updateAssignments: [{ id: a.id, set: { pendingExtensionDays: null, pendingExtensionReason: null } }],
      assignmentId: a.id,
      note: ctx.input.note ?? null,
      data: { days: a.pendingExtensionDays },
    };
  },
};
