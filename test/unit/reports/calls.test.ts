// The ledger's call rates (docs/reports.md, 话务): 接通率 and 15秒接通率 are both taken of the calls that entered
// the agent queue; calls that ended in the IVR without asking for an agent are in neither.
import { describe, expect, it } from 'vitest';
import { type CallCounts, callRates, ivrEnded } from '../../../server/reports/reports.calls.js';

const calls = (offered: number, queued: number, answered: number, answered15: number): CallCounts => ({
  offered,
  queued,
  answered,
  answered15,
});

describe('callRates', () => {
  it.each<[string, CallCounts, number | null, number | null]>([
    ['no calls at all: no data', calls(0, 0, 0, 0), null, null],
    // The 89000 line in its end mode, ticket status heard, forwarded: no one asked for an agent.
    ['only calls that ended in the IVR: no data, not 0 %', calls(40, 0, 0, 0), null, null],
    ['every queued call answered within 15 s', calls(10, 10, 10, 10), 1, 1],
    ['answered after 15 s: answered, not within 15 s', calls(4, 4, 4, 2), 1, 0.5],
    ['abandoned in the queue lowers both rates', calls(4, 4, 3, 3), 0.75, 0.75],
    ['abandoned and answered late', calls(8, 8, 6, 3), 0.75, 0.375],
    ['every queued call abandoned: 0 %, which is data', calls(2, 2, 0, 0), 0, 0],
    ['IVR-ended calls beside the queued ones are left out', calls(400, 4, 3, 3), 0.75, 0.75],
  ])('%s', (_name, counts, answerRate, within15) => {
    expect(callRates(counts)).toEqual({ answerRate, answeredWithin15sRate: within15 });
  });

  it.each([calls(4, 4, 3, 3), calls(8, 8, 6, 3), calls(0, 0, 0, 0), calls(1, 1, 0, 0)])(
    'calls that ended in the IVR change neither rate (%o)',
    (base) => {
      for (const more of [1, 7, 1000]) {
        const withIvr = { ...base, offered: base.offered + more };
        expect(callRates(withIvr)).toEqual(callRates(base));
        expect(ivrEnded(withIvr)).toBe(ivrEnded(base) + more);
      }
    },
  );

  it('shows the calls that ended in the IVR apart: offered less those that asked for an agent', () => {
    expect(ivrEnded(calls(10, 6, 5, 4))).toBe(4);
    expect(ivrEnded(calls(0, 0, 0, 0))).toBe(0);
  });
});
