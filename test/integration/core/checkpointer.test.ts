import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKSTOP_PAGES,
  type CheckpointResult,
  startCheckpointer,
} from '../../../server/core/checkpointer.js';
import { type DatabaseHandle, openDatabase } from '../../../server/core/db.js';
import { buildTestApp } from '../../helpers/app.js';

let dir: string;
let database: DatabaseHandle;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
  database = openDatabase(join(dir, 'c.db'));
  database.sqlite.exec('create table filler (v text)');
});
afterEach(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

const autoCheckpoint = () => database.sqlite.pragma('wal_autocheckpoint', { simple: true });
/** Commits `n` transactions of about 4 KB each, as requests would. */
const write = (n: number) => {
  const insert = database.sqlite.prepare('insert into filler (v) values (?)');
  for (let i = 0; i < n; i++) insert.run('x'.repeat(4000));
};
const until = async (ok: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the checkpoint worker', () => {
  it('takes the checkpoints off the connection and copies the WAL into the database file', async () => {
    const results: CheckpointResult[] = [];
    const checkpointer = startCheckpointer(database.sqlite, {
      intervalMs: 20,
      onCheckpoint: (r) => results.push(r),
    })!;
    expect(autoCheckpoint()).toBe(BACKSTOP_PAGES);
    const sizeBefore = statSync(join(dir, 'c.db')).size;
    // Past the 1,000 pages at which the connection would have checkpointed inside a COMMIT by itself.
    write(1500);
    // A checkpoint the worker finished while the writes were still going (its log already past 1,500 frames:
    // each commit writes more than one) may be reported first: wait for the one that copied everything.
    const copied = () => statSync(join(dir, 'c.db')).size > sizeBefore + 1500 * 4000;
    await until(() => results.some((r) => r.log >= 1500 && r.checkpointed === r.log) && copied());
    expect(copied()).toBe(true);
    await checkpointer.stop();
    expect(autoCheckpoint()).toBe(1000);
    expect(database.sqlite.prepare('select count(*) as n from filler').get()).toEqual({ n: 1500 });
  });

  it('keeps the WAL bounded under a steady stream of writes: it starts over instead of growing', async () => {
    const checkpointer = startCheckpointer(database.sqlite, { intervalMs: 20 })!;
    database.sqlite.pragma('synchronous = NORMAL');
    const walSize = () => statSync(join(dir, 'c.db-wal')).size;
    let largest = 0;
    for (let round = 0; round < 30; round++) {
      write(500);
      largest = Math.max(largest, walSize());
      // Requests come with pauses between them. Without one, on a busy machine (CI runs files side by side on
      // two cores) the thread got too little time to finish a checkpoint and the WAL grew past the bound.
      await new Promise((r) => setTimeout(r, 20));
    }
    // 15,000 commits of a page or more each: about 60 MB of WAL frames if it never started over.
    expect(largest).toBeLessThan(2 * BACKSTOP_PAGES * 4096);
    await checkpointer.stop();
  });

  it('hands the checkpoints back to the connection when the worker cannot work', async () => {
    const errors: string[] = [];
    // The worker opens the file by name: moved away, it is not there to open.
    renameSync(join(dir, 'c.db'), join(dir, 'moved.db'));
    const checkpointer = startCheckpointer(database.sqlite, { onError: (m) => errors.push(m) })!;
    await until(() => errors.length > 0);
    await until(() => autoCheckpoint() === 1000);
    await checkpointer.stop();
  });

  it('keeps a process that has nothing else to do alive until the thread has stopped', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'test/integration/core/checkpointer-stop.script.ts'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: 'closed\n' });
  });

  it('is not needed for a database in memory', () => {
    const memory = openDatabase(':memory:');
    expect(startCheckpointer(memory.sqlite)).toBeNull();
    memory.close();
  });
});

describe('the server', () => {
  it('checkpoints on the worker while it is up, and hands them back when it stops', async () => {
    const t = await buildTestApp();
    await t.app.ready();
    const setting = () => t.database.sqlite.pragma('wal_autocheckpoint', { simple: true });
    expect(setting()).toBe(BACKSTOP_PAGES);
    await t.app.close();
    expect(setting()).toBe(1000);
    await t.close();
  });
});
