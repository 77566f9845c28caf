/**
 * The ticket state machine (`decide`) against the hand-written table of DESIGN.md §3 (`machine-setup.ts`):
 * its vocabulary, every state × every action, and the terminal states.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  type Action,
  ASSIGNMENT_STATUSES,
  decide,
  OPEN_STATUSES,
  statusLabel,
  TICKET_STATUSES,
  type TicketStatus,
} from '../../../server/tickets/tickets.machine.js';
import {
  ACTION_LIST,
  ACTOR_LABEL,
  ACTOR_NAMES,
  type ActorName,
  ALL_FACTS,
  actor,
  EXPECTED,
  expectAllowed,
  expectConflictNamingState,
  expectRefused,
  fittingAssignment,
  OPEN,
  type Origin,
  type Outcome,
  STATES,
  subject,
  TERMINAL,
  target,
} from './machine-setup.js';

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
