/**
 * The ticket state machine (`decide`) against the hand-written table of DESIGN.md §3 (`machine-setup.ts`):
 * every action × every actor kind, and the assignment-level actions of an assist or a village.
 */
import { describe, expect, it } from 'vitest';
import {
  type Action,
  type Actor,
  ASSIGNMENT_STATUSES,
  type AssignmentStatus,
  decide,
  type TicketStatus,
} from '../../../server/tickets/tickets.machine.js';
import {
  ACTION_LIST,
  ACTOR_LABEL,
  ACTOR_NAMES,
  type ActorName,
  actor,
  EXPECTED,
  expectAllowed,
  expectConflictNamingState,
  expectRefused,
  fittingAssignment,
  HANDLING,
  type Origin,
  type Outcome,
  OWN_ASSIGNMENT,
  ownActors,
  STATES,
  subject,
  target,
} from './machine-setup.js';

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
    else if (OWN_ASSIGNMENT[action] && ownActors(action).includes(who)) expected = 'assignment';
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

const ownCases: OwnCase[] = (['sign', 'reply', 'pass_down'] as const).flatMap((action) =>
  ownActors(action).flatMap((who) =>
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

describe('assignment-level sign and reply by an assist or a village, and pass_down by an assisting town', () => {
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
