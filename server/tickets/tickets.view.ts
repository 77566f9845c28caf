import { toIso } from '../core/clock.js';
import { maskPhone } from '../core/phone.js';
import type { WorkingCalendar } from '../sla/calendar.js';
import { type DeadlineColor, deadlineColor } from '../sla/deadlines.js';
import type { AssignmentRow, EventRow, TicketRow } from './tickets.repo.js';
import { clockColor, orderSignClock, revisitClock } from './tickets.ticket-cards.js';

/** 张*: what a department sees of a confidential caller's name. */
export function maskName(name: string): string {
  return name.length <= 1 ? '*' : `${name.slice(0, 1)}${'*'.repeat(name.length - 1)}`;
}

/** The color of an assignment's running clock: the sign clock until signed, then the handling clock. */
export function assignmentDeadline(a: AssignmentRow, now: number): DeadlineColor {
  switch (a.status) {
    case 'pending_sign':
      return deadlineColor(now, a.signYellowAt, a.signDueAt);
    case 'in_progress':
    case 'return_requested':
      return deadlineColor(now, a.yellowAt, a.dueAt);
    default:
      // Finished work keeps the color it finished with: late is red for good.
      return a.finishedAt !== null && a.finishedAt > a.dueAt ? 'red' : 'green';
  }
}

const iso = (ms: number | null) => (ms === null ? null : toIso(ms));

/** What the time left on a deadline is counted in. */
export interface DeadlineClocks {
  calendar: WorkingCalendar;
  /** Whether a ticket's sign or handling clock runs on wall-clock time (minutes or hours, as urgent tickets' do). */
  wallClock(ticket: TicketRow, kind: 'sign' | 'handle'): boolean;
}

const DAY_MINUTES = 24 * 60;

/**
 * Time between now and the assignment's running deadline (sign until signed, then handle), in the clock's own
 * time: working minutes through the working calendar, or real minutes for a wall-clock clock (an urgent ticket's
 * 30 minutes to sign run at night too). `overdue` once the due time has passed, even if no working minute has.
 */
export function workLeft(t: TicketRow, a: AssignmentRow, now: number, clocks: DeadlineClocks | undefined) {
  if (!clocks) return null;
  const kind =
    a.status === 'pending_sign'
      ? 'sign'
      : a.status === 'in_progress' || a.status === 'return_requested'
        ? 'handle'
        : null;
  if (kind === null) return null;
  const due = kind === 'sign' ? a.signDueAt : a.dueAt;
  const overdue = due < now;
  if (clocks.wallClock(t, kind)) {
    const minutes = Math.floor(Math.abs(due - now) / 60_000);
    return { minutes: overdue ? -minutes : minutes, perDay: DAY_MINUTES, unit: 'wall' as const, overdue };
  }
  const cal = clocks.calendar;
  const minutes = overdue ? -cal.workingMinutesBetween(due, now) : cal.workingMinutesBetween(now, due);
  // Math.round(-0.4) is -0: an overdue clock without a working minute past due yet still reads as 0.
  return { minutes: Math.round(minutes) || 0, perDay: cal.minutesPerDay, unit: 'working' as const, overdue };
}

export function assignmentView(t: TicketRow, a: AssignmentRow, now: number, clocks?: DeadlineClocks) {
  return {
    id: a.id,
    departmentId: a.departmentId,
    role: a.role,
    status: a.status,
    parentId: a.parentId,
    dispatchedAt: toIso(a.dispatchedAt),
    signDueAt: toIso(a.signDueAt),
    signedAt: iso(a.signedAt),
    dueAt: toIso(a.dueAt),
    yellowAt: toIso(a.yellowAt),
    returnDueAt: toIso(a.returnDueAt),
    finishedAt: iso(a.finishedAt),
    extensionDays: a.extensionDays,
    extensionCount: a.extensionCount,
    returnCount: a.returnCount,
    pendingExtension:
      a.pendingExtensionDays === null
        ? null
        : { days: a.pendingExtensionDays, reason: a.pendingExtensionReason ?? '' },
    reply: a.reply,
    deadline: assignmentDeadline(a, now),
    /** Minutes left to the running deadline (negative: overdue by that much) in the clock's time, and a day's. */
    workLeft: workLeft(t, a, now, clocks),
  };
}

export function eventView(e: EventRow) {
  return {
    seq: e.seq,
    action: e.action,
    from: e.fromStatus,
    to: e.toStatus,
    actor: e.actorName,
    actorId: e.actorId,
    departmentId: e.actorDepartmentId,
    note: e.note,
    data: e.data ?? null,
    at: toIso(e.at),
  };
}

/**
 * A ticket as the API shows it. `masked` is for departments: the caller's phone masked on every ticket (a read
 * of the full number is `POST /api/tickets/{no}/caller-phone`, an event of its own, DESIGN §9), and a confidential
 * caller's name too.
 */
export function ticketView(
  t: TicketRow,
  list: AssignmentRow[],
  now: number,
  masked: boolean,
  clocks?: DeadlineClocks,
) {
  const hide = masked && t.confidential;
  return {
    no: t.no,
    status: t.status,
    appealType: t.appealType,
    categoryId: t.categoryId,
    title: t.title,
    content: t.content,
    caller: {
      name: t.callerName === null ? null : hide ? maskName(t.callerName) : t.callerName,
      phone: masked ? maskPhone(t.callerPhone) : t.callerPhone,
    },
    address: t.address,
    town: t.town,
    urgency: t.urgency,
    confidential: t.confidential,
    channel: t.channel,
    line: t.line,
    upstreamOrderNo: t.upstreamOrderNo,
    /** Files Yantai sent with an order (links to its platform). */
    attachments: t.attachments ?? [],
    /** Yantai's own deadlines of an order (ours are kept inside them). */
    upstreamSignDueAt: iso(t.upstreamSignDueAt),
    upstreamDueAt: iso(t.upstreamDueAt),
    /** The color of Yantai's receipt clock while the order waits for our receipt (签收); null when it does not run. */
    upstreamSignDeadline: clocks ? clockColor(orderSignClock(t, clocks.calendar), now) : null,
    mergedInto: t.mergedInto,
    directAnswer: t.directAnswer,
    publicReply: t.publicReply,
    internalNotes: t.internalNotes,
    solved: t.solved,
    satisfaction: { first: t.satisfactionFirst, final: t.satisfactionFinal },
    counters: {
      returns: t.returnCount,
      extensions: t.extensionCount,
      reworks: t.reworkCount,
      revisits: t.revisitCount,
      urges: t.urgeCount,
      supervisions: t.superviseCount,
    },
    revisitDueAt: iso(t.revisitDueAt),
    /** The color of the revisit clock while the ticket waits for its revisit (回访); null otherwise. */
    revisitDeadline: clockColor(revisitClock(t), now),
    acceptedAt: iso(t.acceptedAt),
    assignments: list.map((a) => assignmentView(t, a, now, clocks)),
    createdAt: toIso(t.createdAt),
    updatedAt: toIso(t.updatedAt),
    closedAt: iso(t.closedAt),
  };
}

export type TicketView = ReturnType<typeof ticketView>;
