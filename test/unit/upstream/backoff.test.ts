import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../../server/upstream/upstream.backoff.js';

const policy = { baseMs: 1_000, capMs: 60_000 };

describe('retryDelay', () => {
  it.each([
    [1, 500, 1_000],
    [2, 1_000, 2_000],
    [3, 2_000, 4_000],
    [6, 16_000, 32_000],
    [7, 30_000, 60_000],
    [30, 30_000, 60_000],
  ])('after %i failed attempts waits between %i and %i ms', (attempts, low, high) => {
    expect(retryDelay(attempts, policy, () => 0)).toBe(low);
    expect(retryDelay(attempts, policy, () => 1)).toBe(high);
    const mid = retryDelay(attempts, policy, () => 0.5);
    expect(mid).toBeGreaterThan(low);
    expect(mid).toBeLessThan(high);
  });

  it('spreads retries of messages that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelay(5, policy)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
