import { describe, expect, it } from 'vitest';
import { currentCard, nextCheckAt, scanStep } from '../../../server/tickets/tickets.cards.js';

const base = {
  status: 'in_progress' as const,
  signYellowAt: 50,
  signDueAt: 100,
  yellowAt: 500,
  dueAt: 1000,
  card: null,
  cardDueAt: null,
  noticeDueAt: null,
  noticedAt: null,
};
type A = Parameters<typeof scanStep>[0];
const a = (over: Partial<A>): A => ({ ...base, ...over });

describe('scanStep', () => {
  it.each<[string, A, number, string]>([
    ['green before yellow', a({}), 499, 'none'],
    ['yellow at the yellow instant', a({}), 500, 'yellow/handle'],
    ['yellow only once', a({ card: 'yellow', cardDueAt: 1000 }), 900, 'none'],
    ['red just past due', a({ card: 'yellow', cardDueAt: 1000 }), 1001, 'red/handle'],
    ['straight to red when first seen past due', a({}), 2000, 'red/handle'],
    ['red only once', a({ card: 'red', cardDueAt: 1000, noticeDueAt: 5000 }), 2000, 'none'],
    ['notice on its day', a({ card: 'red', cardDueAt: 1000, noticeDueAt: 5000 }), 5000, 'notice'],
    [
      'notice only once',
      a({ card: 'red', cardDueAt: 1000, noticeDueAt: 5000, noticedAt: 5000 }),
      9000,
      'none',
    ],
    [
      'listed again when red on a later due (reworked, late again)',
      a({ card: 'red', cardDueAt: 1000, noticeDueAt: 5000, noticedAt: 400 }),
      5000,
      'notice',
    ],
    ['the sign clock until signed', a({ status: 'pending_sign' }), 60, 'yellow/sign'],
    ['a sign card does not count for handling', a({ card: 'red', cardDueAt: 100 }), 600, 'yellow/handle'],
    ['an extended due lets the card go', a({ card: 'yellow', cardDueAt: 800 }), 600, 'yellow/handle'],
    // Never signed: past the sign due it is red on the sign clock, and the handling due still runs.
    ['unsigned: red on the sign clock past its due', a({ status: 'pending_sign' }), 101, 'red/sign'],
    [
      'unsigned and red on the sign clock: nothing more before the handling due',
      a({ status: 'pending_sign', card: 'red', cardDueAt: 100 }),
      1000,
      'none',
    ],
    [
      'unsigned past the handling due: red on the handling clock',
      a({ status: 'pending_sign', card: 'red', cardDueAt: 100 }),
      1001,
      'red/handle',
    ],
    [
      'unsigned, red on the handling clock: the notice on its day',
      a({ status: 'pending_sign', card: 'red', cardDueAt: 1000, noticeDueAt: 5000 }),
      5000,
      'notice',
    ],
    [
      'unsigned, red on a handling due that has moved later since: no second sign card, the new due is watched',
      a({ status: 'pending_sign', card: 'red', cardDueAt: 800, noticeDueAt: 4000 }),
      900,
      'none',
    ],
    [
      'unsigned, red on a handling due that has moved: red again when the new one runs out',
      a({ status: 'pending_sign', card: 'red', cardDueAt: 800, noticeDueAt: 4000 }),
      1001,
      'red/handle',
    ],
    [
      'unsigned, its sign due moved past the card: a new sign clock',
      a({ status: 'pending_sign', signDueAt: 300, signYellowAt: 250, card: 'red', cardDueAt: 100 }),
      301,
      'red/sign',
    ],
    [
      'unsigned, listed: nothing more',
      a({ status: 'pending_sign', card: 'red', cardDueAt: 1000, noticeDueAt: 5000, noticedAt: 5000 }),
      9000,
      'none',
    ],
    ['nothing once replied', a({ status: 'replied' }), 5000, 'none'],
    ['nothing once returned', a({ status: 'returned' }), 5000, 'none'],
  ])('%s', (_name, assignment, now, expected) => {
    const step = scanStep(assignment, now);
    expect(step.kind === 'yellow' || step.kind === 'red' ? `${step.kind}/${step.clock}` : step.kind).toBe(
      expected,
    );
  });
});

describe('nextCheckAt', () => {
  it.each<[string, A, number | null]>([
    ['its yellow while green', a({}), 500],
    ['just after its due while yellow', a({ card: 'yellow', cardDueAt: 1000 }), 1001],
    ['its notice day while red', a({ card: 'red', cardDueAt: 1000, noticeDueAt: 5000 }), 5000],
    ['never once listed', a({ card: 'red', cardDueAt: 1000, noticeDueAt: 5000, noticedAt: 5000 }), null],
    [
      'its notice day when listed only for an earlier due',
      a({ card: 'red', cardDueAt: 1000, noticeDueAt: 5000, noticedAt: 400 }),
      5000,
    ],
    ['never once finished', a({ status: 'closed' }), null],
    ['the sign yellow before signing', a({ status: 'pending_sign' }), 50],
    [
      'just after the handling due, unsigned past the sign due',
      a({ status: 'pending_sign', card: 'red', cardDueAt: 100 }),
      1001,
    ],
    [
      'the notice day, unsigned past the handling due',
      a({ status: 'pending_sign', card: 'red', cardDueAt: 1000, noticeDueAt: 5000 }),
      5000,
    ],
  ])('is %s', (_name, assignment, expected) => {
    expect(nextCheckAt(assignment)).toBe(expected);
  });

  it('agrees with scanStep: nothing to do before the bookmark, something at it', () => {
    for (const x of [
      a({}),
      a({ card: 'yellow', cardDueAt: 1000 }),
      a({ card: 'red', cardDueAt: 1000, noticeDueAt: 5000 }),
      a({ status: 'pending_sign', card: 'red', cardDueAt: 100 }),
      a({ status: 'pending_sign', card: 'red', cardDueAt: 1000, noticeDueAt: 5000 }),
      a({ status: 'pending_sign', card: 'red', cardDueAt: 800, noticeDueAt: 4000 }),
    ]) {
      const at = nextCheckAt(x)!;
      expect(scanStep(x, at - 1).kind).toBe('none');
      expect(scanStep(x, at).kind).not.toBe('none');
      expect(currentCard(x)).toBe(x.card);
    }
  });
});
