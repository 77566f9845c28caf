/**
 * Exhaustive, table-driven tests of the ticket state machine (`decide`).
 *
 * The EXPECTED table below is written out by hand from DESIGN.md §3 (the ticket state table),
 * deliberately NOT derived from the machine's own `RULES`, so the two are checked against each other.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type Action,
  type Actor,
  ASSIGNMENT_STATUSES,
  type AssignmentStatus,
  type Decision,
  decide,
  type Facts,
  OPEN_STATUSES,
  type Subject,
  statusLabel,
  TICKET_STATUSES,
  type TicketStatus,
} from '../../../server/tickets/tickets.machine.js';

// ---------------------------------------------------------------------------------------------
// Ticket states, as DESIGN.md §3 names them.
// ---------------------------------------------------------------------------------------------

/** "any open": every state a ticket can still move out of in the ordinary way. */
const OPEN = [
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
const TERMINAL = [
  'closed',
  'merged',
  'cancelled',
  'returned_upstream',
] as const satisfies readonly TicketStatus[];

const STATES: readonly TicketStatus[] = [...OPEN, ...TERMINAL];

/** States in which a department is working the ticket (its assignments are live). */
const HANDLING = [
  'dispatched',
  'in_progress',
  'return_requested',
  'replied',
] as const satisfies readonly TicketStatus[];

// ---------------------------------------------------------------------------------------------
// Actors.
// ---------------------------------------------------------------------------------------------

type ActorName =
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

const ACTOR_NAMES: readonly ActorName[] = [
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

const ACTOR_LABEL: Record<ActorName, string> = {
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
function actor(name: ActorName, assignmentStatus: AssignmentStatus = 'in_progress'): Actor {
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
const OWN_ASSIGNMENT_ACTORS: readonly ActorName[] = ['assist', 'child', 'town_assist'];

/** Assignment-level actions: which status the actor's own assignment must be in. */
const OWN_ASSIGNMENT: Partial<Record<Action, AssignmentStatus>> = {
  sign: 'pending_sign',
  reply: 'in_progress',
};

// ---------------------------------------------------------------------------------------------
// The expected table (DESIGN.md §3).
// ---------------------------------------------------------------------------------------------

type Origin = 'upstream' | 'local';

interface Outcome {
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

const EXPECTED: Record<Action, Expected> = {
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
  pass_down: { from: ['in_progress'], by: ['town_lead', 'town_assist'], outcomes: [{ to: 'same' }] },
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

const ACTION_LIST = Object.keys(EXPECTED) as Action[];

// ---------------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------------

function subject(status: TicketStatus, origin: Origin, before: TicketStatus | null = null): Subject {
  return { status, upstream: origin === 'upstream', statusBeforeReturn: before };
}

function target(outcome: Outcome, status: TicketStatus): TicketStatus {
  return outcome.to === 'same' ? status : outcome.to;
}

/** The handler's own assignment status that fits `action` (pending_sign to sign, in_progress otherwise). */
function fittingAssignment(action: Action): AssignmentStatus {
  return OWN_ASSIGNMENT[action] ?? 'in_progress';
}

function expectAllowed(d: Decision, to: TicketStatus, scope: 'ticket' | 'assignment'): void {
  expect(d).toEqual({ ok: true, to, scope });
}

function expectConflictNamingState(d: Decision, status: TicketStatus): void {
  expect(d.ok).toBe(false);
  if (d.ok) return;
  expect(d.code).toBe('conflict');
  expect(d.reason).toContain(`「${statusLabel(status)}」`);
}

function expectRefused(d: Decision, code: 'forbidden' | 'conflict'): void {
  expect(d.ok).toBe(false);
  if (d.ok) return;
  expect(d.code).toBe(code);
  expect(d.reason.length).toBeGreaterThan(0);
}

const ALL_FACTS: readonly Facts[] = [false, true].flatMap((sampled) =>
  [false, true].flatMap((unreached) =>
    [false, true].flatMap((unsatisfied) =>
      [false, true].flatMap((noLead) =>
        [false, true].map((lastAttempt) => ({ sampled, unreached, unsatisfied, noLead, lastAttempt })),
      ),
    ),
  ),
);

// ---------------------------------------------------------------------------------------------
// 0. The table covers the machine's vocabulary.
// ---------------------------------------------------------------------------------------------

describe('vocabulary', () => {
  it('the expected table covers exactly the machine’s actions', () => {
    expect([...ACTION_LIST].sort()).toEqual([...ACTIONS].sort());
  });

  it('the machine knows exactly the states of DESIGN.md §3', () => {
    expect([...TICKET_STATUSES].sort()).toEqual([...STATES].sort());
  });

  it('the open states are every state but closed, merged, cancelled and returned_upstream', () => {
    expect([...OPEN_STATUSES].sort()).toEqual([...OPEN].sort());
  });

  it.each(STATES.map((s) => ({ s })))('$s has a Chinese label', ({ s }) => {
    expect(statusLabel(s)).toMatch(/^[\u4e00-\u9fff]+$/);
  });

  it('labels are distinct', () => {
    expect(new Set(STATES.map(statusLabel)).size).toBe(STATES.length);
  });
});

// ---------------------------------------------------------------------------------------------
// 1 + 2. Every state × every action, taken by the allowed actor.
// ---------------------------------------------------------------------------------------------

interface MatrixCase {
  name: string;
  action: Action;
  status: TicketStatus;
  origin: Origin;
  by: ActorName;
  /** Undefined: refused with a conflict for every outcome's facts. */
  outcome?: Outcome;
}

function matrixCases(origin: Origin): MatrixCase[] {
  const cases: MatrixCase[] = [];
  for (const action of ACTION_LIST) {
    const row = EXPECTED[action];
    if (row.upstreamOnly && origin === 'local') continue; // see the upstream-only block below
    if (row.localOnly && origin === 'upstream') continue; // and the local-only block
    const by = row.by[0];
    for (const status of STATES) {
      if (row.from.includes(status)) {
        for (const outcome of row.outcomes) {
          if (outcome.origin && outcome.origin !== origin) continue;
          const when = outcome.when ? ` (${outcome.when})` : '';
          cases.push({
            name: `${action} from ${status} by ${ACTOR_LABEL[by]}${when} → ${target(outcome, status)}`,
            action,
            status,
            origin,
            by,
            outcome,
          });
        }
      } else {
        cases.push({ name: `${action} from ${status} → conflict`, action, status, origin, by });
      }
    }
  }
  return cases;
}

function runMatrixCase(c: MatrixCase): void {
  const row = EXPECTED[c.action];
  const who = actor(c.by, fittingAssignment(c.action));
  if (c.outcome) {
    const d = decide(subject(c.status, c.origin, c.outcome.before ?? null), c.action, who, c.outcome.facts);
    expectAllowed(d, target(c.outcome, c.status), 'ticket');
    return;
  }
  for (const outcome of row.outcomes) {
    const d = decide(subject(c.status, c.origin, outcome.before ?? null), c.action, who, outcome.facts);
    expectConflictNamingState(d, c.status);
  }
}

describe('every state × every action by the allowed actor', () => {
  describe('an order transferred down from Yantai', () => {
    it.each(matrixCases('upstream'))('$name', runMatrixCase);
  });

  describe('a local ticket', () => {
    it.each(matrixCases('local'))('$name', runMatrixCase);
  });

  describe('upstream-only actions on a local ticket', () => {
    const cases = ACTION_LIST.filter((a) => EXPECTED[a].upstreamOnly).flatMap((action) =>
      STATES.map((status) => ({
        name: `${action} from ${status} on a local ticket → conflict`,
        action,
        status,
      })),
    );
    it('covers accept, return_upstream, report_progress, recall, close, rework and retransfer', () => {
      expect(new Set(cases.map((c) => c.action))).toEqual(
        new Set(['accept', 'return_upstream', 'report_progress', 'recall', 'close', 'rework', 'retransfer']),
      );
    });
    it.each(cases)('$name', ({ action, status }) => {
      const row = EXPECTED[action];
      const d = decide(subject(status, 'local'), action, actor(row.by[0], fittingAssignment(action)));
      expectRefused(d, 'conflict');
    });
  });

  describe('local-only actions on an order from Yantai', () => {
    // Merging an order ended it without a word to Yantai, which waits for feedback or a return.
    const cases = ACTION_LIST.filter((a) => EXPECTED[a].localOnly).flatMap((action) =>
      STATES.map((status) => ({ name: `${action} from ${status} on an order → conflict`, action, status })),
    );
    it('covers merge', () => {
      expect(new Set(cases.map((c) => c.action))).toEqual(new Set(['merge']));
    });
    it.each(cases)('$name', ({ action, status }) => {
      const row = EXPECTED[action];
      const d = decide(subject(status, 'upstream'), action, actor(row.by[0], fittingAssignment(action)));
      expectRefused(d, 'conflict');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Every action × every actor kind.
// ---------------------------------------------------------------------------------------------

interface ActorCase {
  name: string;
  action: Action;
  who: ActorName;
  status: TicketStatus;
  origin: Origin;
  outcome: Outcome;
  expected: 'ticket' | 'assignment' | 'forbidden';
}

const actorCases: ActorCase[] = ACTION_LIST.flatMap((action) => {
  const row = EXPECTED[action];
  const outcome = row.outcomes[0];
  // A state the action is allowed from; for assignment-level actions, one where handling goes on.
  const status = row.from[0] as TicketStatus;
  const origin: Origin = outcome.origin ?? (row.localOnly ? 'local' : 'upstream');
  return ACTOR_NAMES.map((who): ActorCase => {
    let expected: ActorCase['expected'] = 'forbidden';
    if ((row.by as readonly ActorName[]).includes(who)) expected = 'ticket';
    else if (OWN_ASSIGNMENT[action] && OWN_ASSIGNMENT_ACTORS.includes(who)) expected = 'assignment';
    const result =
      expected === 'ticket'
        ? `→ ${target(outcome, status)}`
        : expected === 'assignment'
          ? `→ own assignment, ticket stays ${status}`
          : '→ forbidden';
    return {
      name: `${action} from ${status} by ${ACTOR_LABEL[who]} ${result}`,
      action,
      who,
      status,
      origin,
      outcome,
      expected,
    };
  });
});

describe('every action × every actor kind', () => {
  it.each(actorCases)('$name', ({ action, who, status, origin, outcome, expected }) => {
    const d = decide(
      subject(status, origin, outcome.before ?? null),
      action,
      actor(who, fittingAssignment(action)),
      outcome.facts,
    );
    if (expected === 'forbidden') expectRefused(d, 'forbidden');
    else if (expected === 'assignment') expectAllowed(d, status, 'assignment');
    else expectAllowed(d, target(outcome, status), 'ticket');
  });

  it('accepts an order once: a second accept is a conflict, while dispatching it stays open', () => {
    const accepted = { ...subject('pending_dispatch', 'upstream'), accepted: true };
    expectRefused(decide(accepted, 'accept', actor('dispatcher')), 'conflict');
    expect(decide(subject('pending_dispatch', 'upstream'), 'accept', actor('dispatcher')).ok).toBe(true);
    expect(decide(accepted, 'dispatch', actor('dispatcher')).ok).toBe(true);
  });

  it('pass_down is for a town handler that leads or assists, never for a village or a city department', () => {
    const s = subject('in_progress', 'local');
    expect(decide(s, 'pass_down', actor('town_lead')).ok).toBe(true);
    expect(decide(s, 'pass_down', actor('town_assist')).ok).toBe(true);
    for (const who of ['lead', 'assist', 'child', 'none'] as const) {
      expectRefused(decide(s, 'pass_down', actor(who)), 'forbidden');
    }
    // A town that is not on the ticket may not pass it down.
    const outsider: Actor = {
      kind: 'handler',
      relation: 'none',
      assignmentStatus: 'in_progress',
      isTown: true,
    };
    expectRefused(decide(s, 'pass_down', outsider), 'forbidden');
  });
});

// ---------------------------------------------------------------------------------------------
// 3b. An assist or a village signs and replies its OWN assignment.
// ---------------------------------------------------------------------------------------------

interface OwnCase {
  name: string;
  action: Action;
  who: ActorName;
  status: TicketStatus;
  assignment: AssignmentStatus;
  allowed: boolean;
}

const ownCases: OwnCase[] = (['sign', 'reply'] as const).flatMap((action) =>
  OWN_ASSIGNMENT_ACTORS.flatMap((who) =>
    STATES.flatMap((status) =>
      ASSIGNMENT_STATUSES.map((assignment): OwnCase => {
        const allowed =
          (HANDLING as readonly TicketStatus[]).includes(status) && assignment === OWN_ASSIGNMENT[action];
        return {
          name: `${action} by ${ACTOR_LABEL[who]} (own assignment ${assignment}) from ${status} → ${
            allowed ? `own assignment, ticket stays ${status}` : 'conflict'
          }`,
          action,
          who,
          status,
          assignment,
          allowed,
        };
      }),
    ),
  ),
);

describe('assignment-level sign and reply by an assist or a village', () => {
  it.each(ownCases)('$name', ({ action, who, status, assignment, allowed }) => {
    for (const origin of ['upstream', 'local'] as const) {
      const d = decide(subject(status, origin), action, actor(who, assignment));
      if (allowed) expectAllowed(d, status, 'assignment');
      else expectRefused(d, 'conflict');
      if (!allowed && !(HANDLING as readonly TicketStatus[]).includes(status)) {
        expectConflictNamingState(d, status);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Terminal states are final, except where Yantai reopens an order: its rework after a close, and an order
// it sends again after we returned it or it recalled it (retransfer).
// ---------------------------------------------------------------------------------------------

/** The terminal states Yantai may take an order back out of, and where to. */
const REOPENED: Partial<Record<Action, { from: readonly TicketStatus[]; to: TicketStatus }>> = {
  rework: { from: ['closed'], to: 'in_progress' },
  retransfer: { from: ['returned_upstream', 'cancelled'], to: 'pending_dispatch' },
};
const reopens = (status: TicketStatus, action: Action) => REOPENED[action]?.from.includes(status) ?? false;

const terminalCases = TERMINAL.flatMap((status) =>
  ACTION_LIST.map((action) => ({
    name: reopens(status, action)
      ? `${action} from ${status}: only the Yantai platform reopens it → ${REOPENED[action]!.to}`
      : `${action} never leaves ${status}`,
    status,
    action,
  })),
);

describe('terminal states are final', () => {
  it.each(terminalCases)('$name', ({ status, action }) => {
    let allowed = 0;
    for (const who of ACTOR_NAMES) {
      for (const assignment of ASSIGNMENT_STATUSES) {
        for (const origin of ['upstream', 'local'] as const) {
          for (const before of [null, 'dispatched', 'in_progress'] as const) {
            for (const facts of ALL_FACTS) {
              const d = decide(subject(status, origin, before), action, actor(who, assignment), facts);
              if (reopens(status, action) && who === 'upstream' && origin === 'upstream') {
                expectAllowed(d, REOPENED[action]!.to, 'ticket');
                allowed += 1;
              } else {
                expect(d.ok).toBe(false);
              }
            }
          }
        }
      }
    }
    expect(allowed > 0).toBe(reopens(status, action));
  });
});
