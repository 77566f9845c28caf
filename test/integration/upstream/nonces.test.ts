import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../server/core/db.js';
import { AppError } from '../../../server/core/errors.js';
import { createNonceLog, NONCE_MEMORY_MS } from '../../../server/upstream/upstream.nonces.js';

let dir: string;
let database: DatabaseHandle;
let now: number;
const clock = { now: () => now };
const rows = () =>
  database.sqlite.prepare('select nonce, seen_at as at from upstream_nonces order by rowid').all() as {
    nonce: string;
    at: number;
  }[];
/** The status a call answers with: 'ok', or the AppError's status. */
const outcome = (fn: () => void): 'ok' | number => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.statusCode;
    throw err;
  }
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nonces-'));
  database = openDatabase(join(dir, 'n.db'));
  now = Date.parse('2026-12-03T09:00:00+08:00');
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the nonce log', () => {
  it('refuses a nonce it has recorded and writes each accepted one once', () => {
    const nonces = createNonceLog(database.db, clock);
    expect(outcome(() => nonces.record('nonce-aaaaaaaaaaaa'))).toBe('ok');
    expect(outcome(() => nonces.record('nonce-bbbbbbbbbbbb'))).toBe('ok');
    expect(outcome(() => nonces.record('nonce-aaaaaaaaaaaa'))).toBe(401);
    expect(rows().map((r) => r.nonce)).toEqual(['nonce-aaaaaaaaaaaa', 'nonce-bbbbbbbbbbbb']);
  });

  it('remembers across a restart what is within the memory, and only that', () => {
    const before = createNonceLog(database.db, clock);
    before.record('nonce-old-000000000');
    now += NONCE_MEMORY_MS / 2;
    before.record('nonce-recent-000000');
    now += NONCE_MEMORY_MS / 2 + 1;

    const after = createNonceLog(database.db, clock);
    expect(after.size()).toBe(1);
    expect(outcome(() => after.record('nonce-recent-000000'))).toBe(401);
    // Its timestamp would be refused long before this, so nothing is lost by forgetting it.
    expect(outcome(() => after.record('nonce-old-000000000'))).toBe('ok');
  });

  it('drops what is past the memory, from memory and from the table', () => {
    const nonces = createNonceLog(database.db, clock);
    nonces.record('nonce-first-0000000');
    now += NONCE_MEMORY_MS + 60_001;
    // Recording never deletes (it is a batch's one-statement `keep`); the server prunes before the batch.
    nonces.record('nonce-second-000000');
    expect(nonces.size()).toBe(2);
    nonces.pruneIfDue();
    expect(nonces.size()).toBe(1);
    expect(rows().map((r) => r.nonce)).toEqual(['nonce-second-000000']);
  });

  it('records in the open transaction, and still refuses a nonce whose row went with a rollback', () => {
    const nonces = createNonceLog(database.db, clock);
    const tx = database.sqlite.transaction(() => {
      nonces.record('nonce-rolled-back-0');
      throw new Error('the whole batch failed');
    });
    expect(() => tx()).toThrow('the whole batch failed');
    expect(rows()).toEqual([]);
    expect(outcome(() => nonces.record('nonce-rolled-back-0'))).toBe(401);
  });
});
