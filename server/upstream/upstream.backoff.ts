export interface RetryPolicy {
  /** First retry after about this long. */
  baseMs: number;
  /** Never wait longer than this between attempts. */
  capMs: number;
  /** Attempts in all before a message is dead-lettered. */
  budget: number;
}

/**
 * Delay before the next attempt after `attempts` failed ones: exponential (base × 2^(attempts−1)),
 * capped, with "equal jitter" (half fixed, half random) so retries of many messages spread out.
 */
export function retryDelay(
  attempts: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>,
  random = Math.random,
) {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
