/** The context every ticket action works from, what it returns, and the helpers they share. */
import { badRequest, conflict } from '../core/errors.js';
import type { Department } from '../directory/directory.service.js';
import type { SlaService } from '../sla/sla.service.js';
import type { Action } from './tickets.machine.js';
import type { AssignmentInsert, AssignmentRow, TicketInsert, TicketRow } from './tickets.repo.js';
import type { ActionBodies } from './tickets.schemas.js';

/** What an action needs to know to work out its change. */
export interface ActionContext<A extends Action = Action> {
  now: number;
  /** Display name of who acts (a person, or the Yantai platform). */
  actorName: string;
  /** The change comes from Yantai (a notice or an order), not from a user. */
  byUpstream: boolean;
  ticket: TicketRow;
  assignments: AssignmentRow[];
  /** The acting department's live assignment on this ticket (handlers only). */
  own: AssignmentRow | undefined;
  input: A extends keyof ActionBodies ? ActionBodies[A] : Record<string, unknown>;
  sla: Pick<
    SlaService,
    'assignmentClocks' | 'extendDue' | 'extensionCapDays' | 'revisitClock' | 'upstreamBound' | 'reboundClocks'
  >;
  lookup: {
    department(id: number): Department | undefined;
    openTicket(no: string): TicketRow | undefined;
  };
}

/** The change an action makes, written by the service in one transaction with its event. */
export interface Effect {
  ticket?: Partial<TicketInsert>;
  insertAssignments?: Omit<AssignmentInsert, 'ticketId'>[];
  updateAssignments?: { id: number; set: Partial<AssignmentInsert> }[];
  note?: string | null;
  data?: Record<string, unknown>;
  assignmentId?: number;
}

export type Handler<A extends Action> = (ctx: ActionContext<A>, to: TicketRow['status']) => Effect;

export const isLive = (a: AssignmentRow) => !['returned', 'cancelled', 'closed'].includes(a.status);
/** The ticket's lead at work now (top-level, not returned, cancelled or closed). */
export const liveLead = (assignments: readonly AssignmentRow[]) =>
  assignments.find((a) => a.role === 'lead' && a.parentId === null && isLive(a));
export const lead = (ctx: ActionContext) => liveLead(ctx.assignments);

/**
 * The ticket's lead of the latest dispatch, at work or finished: the one a rework takes back and a 督办 is
 * addressed to. Never one that returned the ticket or was cancelled (a recalled order's lead, when Yantai sent the
 * order again and it went to another department). The newest of them, rows being in id order.
 */
export const reworkableLead = (assignments: readonly AssignmentRow[]) =>
  assignments.findLast(
    (x) => x.role === 'lead' && x.parentId === null && x.status !== 'returned' && x.status !== 'cancelled',
  );

export function requireLead(ctx: ActionContext): AssignmentRow {
  const a = lead(ctx);
  if (!a) throw conflict('工单没有在办的主办单位', { state: ctx.ticket.status });
  return a;
}

/** What an assignment that stops working keeps of an extension request: nothing, it can no longer be decided. */
export const NO_EXTENSION_REQUEST = { pendingExtensionDays: null, pendingExtensionReason: null } as const;

/** Closes every live assignment as `status` (closing, merging, cancelling the ticket). */
export const finishAll = (ctx: ActionContext, status: 'closed' | 'cancelled') =>
  ctx.assignments.filter(isLive).map((a) => ({
    id: a.id,
    set: {
      status,
      finishedAt: a.finishedAt ?? ctx.now,
      ...NO_EXTENSION_REQUEST,
    } as Partial<AssignmentInsert>,
  }));

/** Fresh clocks from now for this ticket (kept inside Yantai's due for an order). */
export const clocksFor = (ctx: ActionContext, upstreamDueAt = ctx.ticket.upstreamDueAt) =>
  ctx.sla.assignmentClocks(ctx.now, ctx.ticket.urgency, ctx.ticket.appealType, upstreamDueAt);

/** Puts the lead back to work on a fresh handling clock (重办); Yantai's rework may bring a new due of its own. */
export function rework(ctx: ActionContext, upstreamDueAt?: number): Effect {
  // A closed ticket's lead is closed too: reopening takes it back, never a returned or cancelled one.
  const a = reworkableLead(ctx.assignments);
  if (!a) throw conflict('工单没有主办单位，无法重办', { state: ctx.ticket.status });
  const clocks = clocksFor(ctx, upstreamDueAt ?? ctx.ticket.upstreamDueAt);
  const due = clocks.dueAt;
  return {
    ticket: {
      reworkCount: ctx.ticket.reworkCount + 1,
      closedAt: null,
      revisitDueAt: null,
      revisitYellowAt: null,
      ...(upstreamDueAt === undefined ? {} : { upstreamDueAt }),
    },
    updateAssignments: [
      {
        id: a.id,
        set: {
          status: 'in_progress',
          finishedAt: null,
          dueAt: due,
          yellowAt: Math.min(clocks.yellowAt, due),
          uncappedDueAt: clocks.uncappedDueAt,
        },
      },
    ],
    assignmentId: a.id,
    data: { dueAt: due },
  };
}

/**
 * Yantai's due for the order becomes `upstreamDueAt` (a notice bringing one: 限期 with a 催办 or 督办, or Yantai
 * granting the time asked for with 延期申请). Every assignment still on the clock follows it within the margin:
 * back towards the due it would have without the cap, or down to the new bound; a village never past its town.
 */
export function moveUpstreamDue(ctx: ActionContext, upstreamDueAt: number): Effect {
  const ticket = { upstreamDueAt };
  if (upstreamDueAt === ctx.ticket.upstreamDueAt) return { ticket };
  const moved = new Map<number, number>();
  const updateAssignments: NonNullable<Effect['updateAssignments']> = [];
  const running = ctx.assignments.filter((a) =>
    ['pending_sign', 'in_progress', 'return_requested'].includes(a.status),
  );
  // Top-level assignments first, so a village is bounded by its town's new due.
  for (const a of [...running].sort(
    (x, y) => (x.parentId === null ? 0 : 1) - (y.parentId === null ? 0 : 1),
  )) {
    const parent = a.parentId === null ? undefined : ctx.assignments.find((p) => p.id === a.parentId);
    // A town already past its due bounds its village no more (as when it passed the ticket down: pass_down).
    const townDue = parent ? (moved.get(parent.id) ?? parent.dueAt) : Number.POSITIVE_INFINITY;
    const parentDue = townDue > ctx.now ? townDue : Number.POSITIVE_INFINITY;
    const set = ctx.sla.reboundClocks(
      a,
      upstreamDueAt,
      ctx.now,
      ctx.ticket.urgency,
      ctx.ticket.appealType,
      parentDue,
    );
    if (!set) continue;
    moved.set(a.id, set.dueAt!);
    updateAssignments.push({ id: a.id, set });
  }
  const lead = liveLead(ctx.assignments);
  return {
    ticket,
    updateAssignments,
    data: {
      upstreamDueAt,
      previousUpstreamDueAt: ctx.ticket.upstreamDueAt,
      ...(lead && moved.has(lead.id) ? { dueAt: moved.get(lead.id), previousDueAt: lead.dueAt } : {}),
    },
  };
}

/**
 * 催办 / 督办 (`counter` counts it). From Yantai with a `dueAt` (限期), the order's due moves too, and the local
 * clocks with it; a user's `dueAt` means nothing.
 */
export function flagged(
  ctx: ActionContext<'urge' | 'supervise'>,
  counter: 'urgeCount' | 'superviseCount',
): Effect {
  const dueAt = (ctx.input as Record<string, unknown>).dueAt;
  const moved =
    ctx.byUpstream && typeof dueAt === 'number' && ctx.ticket.upstreamOrderNo !== null
      ? moveUpstreamDue(ctx, dueAt)
      : undefined;
  return {
    ...moved,
    ticket: { ...moved?.ticket, [counter]: ctx.ticket[counter] + 1 },
    note: ctx.input.message,
  };
}

/** The reason a Yantai notice gives. */
export const reasonOf = (input: Record<string, unknown>) =>
  typeof input.reason === 'string' ? input.reason : null;

export function checkDispatchTarget(ctx: ActionContext, id: number, field: string): Department {
  const dep = ctx.lookup.department(id);
  if (!dep || dep.disabled) throw badRequest(field, `承办单位 ${id} 不存在或已停用，请重新选择`);
  if (dep.level === 'village') throw badRequest(field, '村居代办点不能直接派单，请派给所属镇街后由镇街下派');
  return dep;
}
