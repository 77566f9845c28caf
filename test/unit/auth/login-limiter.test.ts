import { describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../../../server/auth/login-limiter.js';

const MINUTE = 60_000;

function setup(maxFailures = 5, windowMinutes = 15) {
  let now = Date.parse('2026-11-23T09:00:00+08:00');
  const limiter = createLoginLimiter({ maxFailures, windowMs: windowMinutes * MINUTE, now: () => now });
  return {
    limiter,
    advance(ms: number) {
      now += ms;
    },
    failTimes(key: string, n: number) {
      for (let i = 0; i < n; i++) limiter.fail(key);
    },
  };
}

describe('login limiter', () => {
  it('lets a key try while it has fewer failures than the limit', () => {
    const { limiter, failTimes } = setup(5);
    expect(limiter.retryAfterSec('user:a')).toBe(0);
    failTimes('user:a', 4);
    expect(limiter.retryAfterSec('user:a')).toBe(0);
  });

  it('blocks a key for the whole window once it reaches the limit', () => {
    const { limiter, failTimes } = setup(5, 15);
    failTimes('user:a', 5);
    expect(limiter.retryAfterSec('user:a')).toBe(15 * 60);
  });

  it('counts the wait down as time passes', () => {
    const { limiter, failTimes, advance } = setup(5, 15);
    failTimes('user:a', 5);
    advance(10 * MINUTE);
    expect(limiter.retryAfterSec('user:a')).toBe(5 * 60);
  });

  it('allows the key again exactly when the window has passed', () => {
    const { limiter, failTimes, advance } = setup(5, 15);
    failTimes('user:a', 5);
    advance(15 * MINUTE - 1);
    expect(limiter.retryAfterSec('user:a')).toBe(1);
    advance(1);
    expect(limiter.retryAfterSec('user:a')).toBe(0);
  });

  it('rounds a part of a second up, never answering 0 while blocked', () => {
    const { limiter, failTimes, advance } = setup(1, 1);
    failTimes('k', 1);
    advance(MINUTE - 400);
    expect(limiter.retryAfterSec('k')).toBe(1);
    advance(-700);
    expect(limiter.retryAfterSec('k')).toBe(2);
  });

  it('slides: failures older than the window no longer count', () => {
    const { limiter, failTimes, advance } = setup(5, 15);
    failTimes('user:a', 4);
    advance(10 * MINUTE);
    failTimes('user:a', 1);
    // Five in the window: blocked until the first four are 15 minutes old.
    expect(limiter.retryAfterSec('user:a')).toBe(5 * 60);
    advance(5 * MINUTE);
    expect(limiter.retryAfterSec('user:a')).toBe(0);
    // Only the one from minute 10 is left; four more block again until it is 15 minutes old.
    failTimes('user:a', 4);
    expect(limiter.retryAfterSec('user:a')).toBe(10 * 60);
  });

  it('waits for the failure that keeps the count at the limit when there are more than the limit', () => {
    const { limiter, failTimes, advance } = setup(3, 10);
    failTimes('k', 1); // t = 0
    advance(2 * MINUTE);
    failTimes('k', 1); // t = 2
    advance(2 * MINUTE);
    failTimes('k', 2); // t = 4, 4
    // Four failures, limit three: free again when the one at t = 2 expires (t = 12), now t = 4.
    expect(limiter.retryAfterSec('k')).toBe(8 * 60);
  });

  it('keeps keys apart', () => {
    const { limiter, failTimes } = setup(2);
    failTimes('user:a', 2);
    expect(limiter.retryAfterSec('user:a')).toBeGreaterThan(0);
    expect(limiter.retryAfterSec('user:b')).toBe(0);
  });

  it('forgets a key that is cleared', () => {
    const { limiter, failTimes } = setup(2);
    failTimes('user:a', 2);
    limiter.clear('user:a');
    expect(limiter.retryAfterSec('user:a')).toBe(0);
    failTimes('user:a', 1);
    expect(limiter.retryAfterSec('user:a')).toBe(0);
  });
});
