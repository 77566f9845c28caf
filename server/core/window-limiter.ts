import type { Clock } from './clock.js';

/** Keys kept before the expired ones are swept (a sweep is one pass over the map). */
const SWEEP_AT = 10_000;
/**
 * Keys kept at most. When that many are inside their windows, a new key is refused (429) until windows end: memory
 * stays bounded whatever the number of addresses, and no live count is ever dropped to make room.
 */
export const MAX_KEYS = 100_000;

/**
 * The part of a client address one holder has: an IPv4 address, or an IPv6 /64 (one line or phone is given a whole
 * /64, so counting single IPv6 addresses would count nothing).
 */
export function addressKey(ip: string): string {
  const bare = ip.split('%')[0]!.toLowerCase();
  if (!bare.includes(':')) return bare;
  if (bare.startsWith('::ffff:') && bare.includes('.')) return bare.slice(7);
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  // A dotted IPv4 tail (::ffff:0:1.2.3.4) stands for two groups.
  const right = (tail ? tail.split(':') : []).flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, '') || '0')
    .join(':')}::/64`;
}

/**
 * At most `max` requests per key (a client address) in each window of `windowMs`, counted in memory (one
 * server process). `max` 0 turns it off.
 */
export function createWindowLimiter(max: number, windowMs: number, clock: Clock) {
  const windows = new Map<string, { start: number; count: number }>();
  let sweptAt = clock.now();
  /** The seconds until `key`'s full window ends, or 0 when it may go on (counts nothing). */
  function wait(key: string, now: number): number {
    const w = windows.get(key);
    if (!w || now - w.start >= windowMs || w.count < max) return 0;
    return Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
  }
  return {
    /** Whether `key` is held back now, in seconds to wait (0: it may go on); counts nothing. */
    wait: (key: string): number => (max === 0 ? 0 : wait(key, clock.now())),
    /** Counts one request of `key`: 0 when it may go on, else the seconds until its window ends. */
    take(key: string): number {
      if (max === 0) return 0;
      const now = clock.now();
      // At most one sweep a window, however many addresses come.
      if (windows.size >= SWEEP_AT && now - sweptAt >= windowMs) {
        sweptAt = now;
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k);
      }
      let w = windows.get(key);
      if (!w && windows.size >= MAX_KEYS) {
        // Full: drop what has expired (at most once a second), else refuse the newcomer.
        if (now - sweptAt >= 1000) {
          sweptAt = now;
          for (const [k, old] of windows) if (now - old.start >= windowMs) windows.delete(k);
        }
        if (windows.size >= MAX_KEYS) return Math.max(1, Math.ceil(windowMs / 1000));
      }
      if (!w || now - w.start >= windowMs) {
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      if (w.count >= max) return wait(key, now);
      w.count += 1;
      return 0;
    },
  };
}
