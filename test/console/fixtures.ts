// Ticket and assignment summaries as the API sends them, for the console's unit tests: every field set,
// what a test cares about overridden (each test file passes its own defaults on top).
import type { SupervisionItem } from '../../agent-console/src/api/supervision.js';
import type { Assignment, ScreenPop, Ticket, TicketEvent } from '../../agent-console/src/api/types.js';

export function ticketFixture(no: string, over: Partial<Ticket> = {}): Ticket {
  return {
    no,
    status: 'dispatched',
    appealType: 'complaint',
    categoryId: null,
    title: `工单 ${no}`,
    content: '内容',
    caller: { name: '王**', phone: '138****5678' },
    address: null,
    town: null,
    urgency: 'normal',
    confidential: false,
    channel: 'phone',
    line: '12345',
    upstreamOrderNo: null,
    attachments: [],
    upstreamSignDueAt: null,
    upstreamDueAt: null,
    upstreamSignDeadline: null,
    mergedInto: null,
    directAnswer: null,
    publicReply: null,
    internalNotes: null,
    solved: null,
    satisfaction: { first: null, final: null },
    counters: { returns: 0, extensions: 0, reworks: 0, revisits: 0, urges: 0, supervisions: 0 },
    revisitDueAt: null,
    revisitDeadline: null,
    acceptedAt: null,
    assignments: [],
    createdAt: '2026-11-23T09:00:00+08:00',
    updatedAt: '2026-11-23T09:00:00+08:00',
    closedAt: null,
    ...over,
  };
}

export function assignmentFixture(over: Partial<Assignment> = {}): Assignment {
  return {
    id: 1,
    departmentId: 1,
    role: 'lead',
    status: 'pending_sign',
    parentId: null,
    dispatchedAt: '2026-11-23T09:00:00+08:00',
    signDueAt: '2026-11-24T09:00:00+08:00',
    signedAt: null,
    dueAt: '2026-11-30T09:00:00+08:00',
    yellowAt: '2026-11-27T09:00:00+08:00',
    returnDueAt: '2026-11-25T09:00:00+08:00',
    finishedAt: null,
    extensionDays: 0,
    extensionCount: 0,
    returnCount: 0,
    pendingExtension: null,
    reply: null,
    deadline: 'green',
    workLeft: null,
    ...over,
  };
}

export function eventFixture(over: Partial<TicketEvent> = {}): TicketEvent {
  return {
    seq: 1,
    action: 'urge',
    from: null,
    to: 'in_progress',
    actor: '刘敏',
    actorId: 5,
    departmentId: null,
    note: null,
    data: null,
    at: '2026-11-23T10:00:00+08:00',
    ...over,
  };
}

export function supervisionItemFixture(over: Partial<SupervisionItem> = {}): SupervisionItem {
  return {
    id: 1,
    ticketNo: 'PL20261123000001',
    departmentId: 25,
    kind: 'supervise',
    reason: '督办',
    status: 'open',
    responseDueAt: '2026-11-24T09:00:00+08:00',
    response: null,
    respondedBy: null,
    respondedAt: null,
    createdAt: '2026-11-23T09:00:00+08:00',
    ...over,
  };
}

/** A screen pop for a call on 12345 waiting in the general queue, with no earlier calls or tickets. */
export function screenPopFixture(callId: string, from: string, over: Partial<ScreenPop> = {}): ScreenPop {
  return { callId, from, line: '12345', queue: 'general', calls: [], tickets: [], ...over };
}
