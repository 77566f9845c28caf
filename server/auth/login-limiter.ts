/**
 * Counts failed logins per key (a username, an address) in a sliding window; pure apart from the
 * clock it is given, so tests move time instead of waiting.
 */
export function createLoginLimiter(opts: { maxFailures: number; windowMs: number; now: () => number }) {
  const failures = new Map<string, number[]>();

  const recent = (key: string): number[] => {
    const since = opts.now() - opts.windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };

  return {
    /** Seconds until `key` may try again, or 0 when it may try now. */
    retryAfterSec(key: string): number {
      const list = recent(key);
      if (list.length < opts.maxFailures) return 0;
      const oldest = list[list.length - opts.maxFailures]!;
      return Math.max(1, Math.ceil((oldest + opts.windowMs - opts.now()) / 1000));
    },
    fail(key: string): void {
      failures.set(key, [...recent(key), opts.now()]);
    },
    clear(key: string): void {
      failures.delete(key);
    },
  };
}
