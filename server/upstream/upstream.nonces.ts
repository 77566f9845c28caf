import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { unauthorized } from '../core/errors.js';
import { statement } from '../core/prepared.js';
import { SIGNATURE_WINDOW_MS } from './upstream.signature.js';

/**
 * How long a nonce is remembered. A request is refused once its timestamp is a window away from now, so a
 * nonce older than twice the window can never come back with a valid signature.
 */
export const NONCE_MEMORY_MS = 2 * SIGNATURE_WINDOW_MS;
/** How often the forgotten ones are dropped, from memory and from the table. */
const PRUNE_EVERY_MS = SIGNATURE_WINDOW_MS / 5;

/**
 * The nonces of signed Yantai requests, refused ones too: checked in memory, written to `upstream_nonces` in
 * the transaction of the request's work, and loaded back from it at start, so a replay is refused across a
 * restart.
 * One server process writes a database (as for the write batcher), so memory holds every recorded nonce.
 */
export function createNonceLog(db: Db, clock: Clock) {
  /** Nonce → when it was recorded, in the order they were recorded (a Map keeps insertion order), oldest first. */
  const seen = new Map<string, number>();
  let prunedAt = clock.now();

  for (const row of statement(
    db,
    'nonces.recent',
    'select nonce, seen_at as at from upstream_nonces where seen_at >= ? order by seen_at',
  ).all(prunedAt - NONCE_MEMORY_MS) as { nonce: string; at: number }[]) {
    seen.set(row.nonce, row.at);
  }

  function prune(now: number): void {
    prunedAt = now;
    const before = now - NONCE_MEMORY_MS;
    for (const [nonce, at] of seen) {
      if (at >= before) break;
      seen.delete(nonce);
    }
    statement(db, 'nonces.prune', 'delete from upstream_nonces where seen_at < ?').run(before);
  }

  return {
    /**
     * Refuses a nonce recorded within the memory (401), else records it, in memory and in the open transaction
     * (the batch's `keep` of the request: its row is committed even when the request's work fails). A nonce once
     * recorded is refused until its time is up, even if its row was rolled back with a whole batch: that request
     * never took effect, and Yantai signs every request with a fresh nonce.
     */
    record(nonce: string): void {
      const now = clock.now();
      if (seen.has(nonce)) throw unauthorized('X-Nonce was already used');
      statement(db, 'nonces.insert', 'insert into upstream_nonces (nonce, seen_at) values (?, ?)').run(
        nonce,
        now,
      );
      seen.set(nonce, now);
    },
    /**
     * Forgets the nonces whose time is up, now and then. Called before a request's write, outside any batch: the
     * batch's `keep` (record) is one statement, and a delete in it would stay even when the request is refused.
     */
    pruneIfDue(): void {
      const now = clock.now();
      if (now - prunedAt > PRUNE_EVERY_MS) prune(now);
    },
    /** Nonces held in memory (for tests and the health of the process). */
    size: () => seen.size,
  };
}
