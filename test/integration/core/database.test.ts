// The SQLite settings every connection of the server runs with (server/core/db.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/core/db.js';

const dir = mkdtempSync(join(tmpdir(), 'database-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the database file', () => {
  it('runs in WAL mode with foreign keys, a busy timeout, full sync, and temporary data in memory', () => {
    const { sqlite, close } = openDatabase(join(dir, 'a.db'));
    const pragma = (name: string) => sqlite.pragma(name, { simple: true });
    expect({
      journal: pragma('journal_mode'),
      foreignKeys: pragma('foreign_keys'),
      busyTimeout: pragma('busy_timeout'),
      synchronous: pragma('synchronous'),
      // 2 = MEMORY: the group commit's savepoint journals are not written to temporary files.
      tempStore: pragma('temp_store'),
    }).toEqual({ journal: 'wal', foreignKeys: 1, busyTimeout: 5000, synchronous: 2, tempStore: 2 });
    close();
  });
});
