/**
 * The table and helpers of the exhaustive, table-driven tests of the ticket state machine (`decide`):
 * `machine.states.test.ts` and `machine.actors.test.ts`.
 *
 * The EXPECTED table below is written out by hand from DESIGN.md §3 (the ticket state table),
 * deliberately NOT derived from the machine's own `RULES`, so the two are checked against each other.
 */
import { expect } from 'vitest';
import {
  type Action,
  type Actor,
  type AssignmentStatus,
  type Decision,
  type Facts,
  type Subject,
  statusLabel,
  type TicketStatus,
} from '../../../server/tickets/tickets.machine.js';

// ---------------------------------------------------------------------------------------------
// Ticket states, as DESIGN.md §3 names them.
// ---------------------------------------------------------------------------------------------

/** "any open": every state a ticket can still move out of in the ordinary way. */
export const OPEN = [
  'registered',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_requested',
  'replied',
  'pending_revisit',
  'awaiting_upstream',
] as const satisfies readonly TicketStatus[];

/** Where a ticket ends: closed (办结), merged (并单), cancelled (recalled by Yantai), returned to Yantai. */
export const TERMINAL = [
  'closed',
  'merged',
  'cancelled',
  'returned_upstream',
] as const satisfies readonly TicketStatus[];

export const STATES: readonly TicketStatus[] = [...OPEN, ...TERMINAL];

/** States in which a department is working the ticket (its assignments are live). */
export const HANDLING = [
  'dispatched',
  'in_progress',
  'return_requested',
  'replied',
] as const satisfies readonly TicketStatus[];

// ---------------------------------------------------------------------------------------------
// Actors.
// ---------------------------------------------------------------------------------------------

export type ActorName =
  | 'operator'
  | 'dispatcher'
  | 'lead'
  | 'assist'
  | 'child'
  | 'none'
  | 'town_lead'
  | 'town_assist'
  | 'supervisor'
  | 'admin'
  | 'upstream';

export const ACTOR_NAMES: readonly ActorName[] = [
  'operator',
  'dispatcher',
  'lead',
  'assist',
  'child',
  'none',
  'town_lead',
  'town_assist',
  'supervisor',
  'admin',
  'upstream',
];

export const ACTOR_LABEL: Record<ActorName, string> = {
  operator: 'the operator',
  dispatcher: 'the dispatcher',
  lead: 'the lead',
  assist: 'an assisting department',
  child: 'a village it was passed down to',
  none: 'an unrelated handler',
  town_lead: 'a town as lead',
  town_assist: 'a town as assist',
  supervisor: 'the supervisor',
  admin: 'the admin',
  upstream: 'the Yantai platform',
};

/** An actor; handlers carry the status of their own department's assignment. */
export function actor(name: ActorName, assignmentStatus: AssignmentStatus = 'in_progress'): Actor {
  switch (name) {
    case 'operator':
    case 'dispatcher':
    case 'supervisor':
    case 'admin':
    case 'upstream':
      return { kind: name, relation: 'none' };
    case 'lead':
    case 'assist':
    case 'child':
    case 'none':
      return { kind: 'handler', relation: name, assignmentStatus, isTown: false };
    case 'town_lead':
      return { kind: 'handler', relation: 'lead', assignmentStatus, isTown: true };
    case 'town_assist':
      return { kind: 'handler', relation: 'assist', assignmentStatus, isTown: true };
  }
}

/** Handlers that work only their OWN assignment for `sign` / `reply` (an assist, a village). */
export const OWN_ASSIGNMENT_ACTORS: readonly ActorName[] = ['assist', 'child', 'town_assist'];

/** Assignment-level actions: which status the actor's own assignment must be in. */
export const OWN_ASSIGNMENT: Partial<Record<Action, AssignmentStatus>> = {
  sign: 'pending_sign',
  reply: 'in_progress',
  pass_down: 'in_progress',
};

/**
 * Who takes an assignment-level action on its own assignment: an assist or a village signs and replies; only an
 * assisting town passes down so (a town that leads passes down once the ticket is in progress).
 */
export const ownActors = (action: Action): readonly ActorName[] =>
  action === 'pass_down' ? ['town_assist'] : OWN_ASSIGNMENT_ACTORS;

// ---------------------------------------------------------------------------------------------
// The expected table (DESIGN.md §3).
// ---------------------------------------------------------------------------------------------

export type Origin = 'upstream' | 'local';

export interface Outcome {
  /** What chooses this outcome, for the case name. */
  when?: string;
  to: TicketStatus | 'same';
  facts?: Facts;
  /** Only for tickets of this origin. */
  origin?: Origin;
  /** The ticket's status before a return was requested. */
  before?: TicketStatus;
}

interface Expected {
  /** The states the action is allowed from. */
  from: readonly TicketStatus[];
  /** Who may take it, at ticket level. The first one is used in the state matrix. */
  by: readonly [ActorName, ...ActorName[]];
  /** Only for orders transferred down from Yantai. */
  upstreamOnly?: boolean;
  /** Never for orders transferred down from Yantai. */
  localOnly?: boolean;
  outcomes: readonly [Outcome, ...Outcome[]];
}

const LEAD_DEPARTMENT = ['lead', 'town_lead'] as const;

export const EXPECTED: Record<Action, Expected> = {
  answer: {
    from: ['registered'],
    by: ['operator'],
    outcomes: [
      { when: 'not sampled', facts: { sampled: false }, to: 'closed' },
      { when: 'sampled for a revisit', facts: { sampled: true }, to: 'pending_revisit' },
    ],
  },
  submit: { from: ['registered'], by: ['operator'], outcomes: [{ to: 'pending_dispatch' }] },
  reject: { from: ['registered'], by: ['operator'], outcomes: [{ to: 'closed' }] },
  dispatch: { from: ['pending_dispatch'], by: ['dispatcher'], outcomes: [{ to: 'dispatched' }] },
  accept: {
    from: ['pending_dispatch'],
    by: ['dispatcher'],
    upstreamOnly: true,
    outcomes: [{ to: 'same' }],
  },
  return_upstream: {
    from: ['pending_dispatch'],
    by: ['dispatcher'],
    upstreamOnly: true,
    outcomes: [{ to: 'returned_upstream' }],
  },
  sign: { from: ['dispatched'], by: LEAD_DEPARTMENT, outcomes: [{ to: 'in_progress' }] },
  request_return: {
    from: ['dispatched', 'in_progress'],
    by: LEAD_DEPARTMENT,
    outcomes: [{ to: 'return_requested' }],
  },
  // §3 names the dispatcher; §1 says the supervisor "approves extensions and returns" as well.
  approve_return: {
    from: ['return_requested'],
    by: ['dispatcher', 'supervisor'],
    outcomes: [{ to: 'pending_dispatch' }],
  },
  deny_return: {
    from: ['return_requested'],
    by: ['dispatcher', 'supervisor'],
    outcomes: [
      { when: 'asked while dispatched', before: 'dispatched', to: 'dispatched' },
      { when: 'asked while in progress', before: 'in_progress', to: 'in_progress' },
    ],
  },
  pass_down: { from: ['in_progress'], by: ['town_lead'], outcomes: [{ to: 'same' }] },
  request_extension: { from: ['in_progress'], by: LEAD_DEPARTMENT, outcomes: [{ to: 'same' }] },
  approve_extension: { from: ['in_progress'], by: ['supervisor'], outcomes: [{ to: 'same' }] },
  deny_extension: { from: ['in_progress'], by: ['supervisor'], outcomes: [{ to: 'same' }] },
  reply: { from: ['in_progress'], by: LEAD_DEPARTMENT, outcomes: [{ to: 'replied' }] },
  approve_reply: {
    from: ['replied'],
    by: ['supervisor'],
    outcomes: [
      { when: 'upstream order', origin: 'upstream', to: 'awaiting_upstream' },
      { when: 'local ticket', origin: 'local', to: 'pending_revisit' },
    ],
  },
  reject_reply: { from: ['replied'], by: ['supervisor'], outcomes: [{ to: 'in_progress' }] },
  revisit: {
    from: ['pending_revisit'],
    by: ['supervisor'],
    outcomes: [
      { when: 'reached, satisfied', facts: {}, to: 'closed' },
      { when: 'reached, not unsatisfied', facts: { unreached: false, unsatisfied: false }, to: 'closed' },
      { when: 'unsatisfied', facts: { unsatisfied: true }, to: 'in_progress' },
      {
        when: 'unsatisfied with a direct answer (no department had it)',
        facts: { unsatisfied: true, noLead: true },
        to: 'pending_dispatch',
      },
      { when: 'reached, satisfied with a direct answer', facts: { noLead: true }, to: 'closed' },
      { when: 'unreached', facts: { unreached: true }, to: 'pending_revisit' },
      {
        when: 'unreached, so no verdict',
        facts: { unreached: true, unsatisfied: true },
        to: 'pending_revisit',
      },
      {
        when: 'unreached at the last attempt allowed (回访不成功)',
        facts: { unreached: true, lastAttempt: true },
        to: 'closed',
      },
      {
        when: 'unreached at the last attempt, whatever else was ticked',
        facts: { unreached: true, lastAttempt: true, unsatisfied: true, noLead: true },
        to: 'closed',
      },
      {
        when: 'reached at what would have been the last attempt',
        facts: { lastAttempt: true },
        to: 'closed',
      },
    ],
  },
  report_progress: {
    from: ['in_progress'],
    by: LEAD_DEPARTMENT,
    upstreamOnly: true,
    outcomes: [{ to: 'same' }],
  },
  urge: { from: OPEN, by: ['supervisor', 'upstream'], outcomes: [{ to: 'same' }] },
  supervise: { from: OPEN, by: ['supervisor', 'upstream'], outcomes: [{ to: 'same' }] },
  caller_urge: { from: OPEN, by: ['operator'], outcomes: [{ to: 'same' }] },
  merge: { from: OPEN, by: ['dispatcher', 'supervisor'], localOnly: true, outcomes: [{ to: 'merged' }] },
  close: { from: ['awaiting_upstream'], by: ['upstream'], upstreamOnly: true, outcomes: [{ to: 'closed' }] },
  // 退回重办: from awaiting_upstream, and after a close Yantai may still send it back (reopens).
  rework: {
    from: ['awaiting_upstream', 'closed'],
    by: ['upstream'],
    upstreamOnly: true,
    outcomes: [{ to: 'in_progress' }],
  },
  recall: { from: OPEN, by: ['upstream'], upstreamOnly: true, outcomes: [{ to: 'cancelled' }] },
  retransfer: {
    from: ['returned_upstream', 'cancelled'],
    by: ['upstream'],
    upstreamOnly: true,
    outcomes: [{ to: 'pending_dispatch' }],
  },
};

export const ACTION_LIST = Object.keys(EXPECTED) as Action[];

// ---------------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------------

export function subject(status: TicketStatus, origin: Origin, before: TicketStatus | null = null): Subject {
  return { status, upstream: origin === 'upstream', statusBeforeReturn: before };
}

export function target(outcome: Outcome, status: TicketStatus): TicketStatus {
  return outcome.to === 'same' ? status : outcome.to;
}

/** The handler's own assignment status that fits `action` (pending_sign to sign, in_progress otherwise). */
export function fittingAssignment(action: Action): AssignmentStatus {
  return OWN_ASSIGNMENT[action] ?? 'in_progress';
}

export function expectAllowed(d: Decision, to: TicketStatus, scope: 'ticket' | 'assignment'): void {
  expect(d).toEqual({ ok: true, to, scope });
}

export function expectConflictNamingState(d: Decision, status: TicketStatus): void {
  expect(d.ok).toBe(false);
  if (d.ok) return;
  expect(d.code).toBe('conflict');
  expect(d.reason).toContain(`「${statusLabel(status)}」`);
}

export function expectRefused(d: Decision, code: 'forbidden' | 'conflict'): void {
  expect(d.ok).toBe(false);
  if (d.ok) return;
  expect(d.code).toBe(code);
  expect(d.reason.length).toBeGreaterThan(0);
}

export const ALL_FACTS: readonly Facts[] = [false, true].flatMap((sampled) =>
  [false, true].flatMap((unreached) =>
    [false, true].flatMap((unsatisfied) =>
      [false, true].flatMap((noLead) =>
        [false, true].map((lastAttempt) => ({ sampled, unreached, unsatisfied, noLead, lastAttempt })),
      ),
    ),
  ),
);
