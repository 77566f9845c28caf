import { describe, expect, it } from 'vitest';
import { unreachedRevisitsOfRound } from '../../../server/tickets/tickets.facts.js';

type E = Parameters<typeof unreachedRevisitsOfRound>[0][number];
const ev = (
  action: string,
  from: string | null,
  to: string,
  data: Record<string, unknown> | null = null,
): E => ({ action, fromStatus: from, toStatus: to, data }) as E;
const approved = ev('approve_reply', 'replied', 'pending_revisit');
const missed = ev('revisit', 'pending_revisit', 'pending_revisit', { reached: false });
const reachedUnsatisfied = ev('revisit', 'pending_revisit', 'in_progress', { reached: true });

describe('unreachedRevisitsOfRound: the unreached attempts since the ticket last came to 待回访', () => {
  it.each<[string, E[], number]>([
    ['no events', [], 0],
    ['just approved', [ev('register', null, 'registered'), approved], 0],
    ['one missed', [approved, missed], 1],
    [
      'two missed, with an urge between',
      [approved, missed, ev('urge', 'pending_revisit', 'pending_revisit'), missed],
      2,
    ],
    [
      'a rework since: the earlier round does not count',
      [approved, missed, missed, reachedUnsatisfied, ev('reply', 'in_progress', 'replied'), approved, missed],
      1,
    ],
    [
      'a sampled direct answer starts a round',
      [ev('answer', 'registered', 'pending_revisit'), missed, missed],
      2,
    ],
    [
      'a reached revisit that stayed (no verdict) is no miss',
      [approved, ev('revisit', 'pending_revisit', 'pending_revisit', { reached: true })],
      0,
    ],
  ])('%s → %i', (_name, events, made) => {
    expect(unreachedRevisitsOfRound(events)).toBe(made);
  });
});
