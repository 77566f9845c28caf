import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { BackupResult } from '../../server/ops/backup.js';
import { EXIT } from '../../server/ops/ops.database.js';
import type { RestoreResult } from '../../server/ops/restore.js';
import { checkRun } from './harness/checker.js';
import { hotlineClient } from './harness/client.js';
import { startDriver } from './harness/driver-process.js';
import { readJournal } from './harness/journal.js';
import { runOps } from './harness/ops-cli.js';
import { freePort, sleep } from './harness/processes.js';
import { RELIABILITY_SECRET } from './harness/scenarios.js';
import { ServerProcess } from './harness/server.js';
import { readSnapshot } from './harness/snapshot.js';
import { startYantaiStub, type YantaiStub } from './harness/stub.js';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Damages b-tree pages past the first (the header stays, so it is still "a SQLite file"). */
function corrupt(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  const junk = Buffer.alloc(64, 0xa5);
  for (let page = 2; page * 4096 < size; page += 3) writeSync(fd, junk, 0, junk.length, page * 4096);
  closeSync(fd);
}

describe('online backup and restore (npm run backup / npm run restore)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-backup-test-'));
  const live = join(dir, 'live.db');
  const backupFile = join(dir, 'backups', 'nightly.db');
  let stub: YantaiStub;
  let server: ServerProcess;
  let restored: ServerProcess | null = null;
  afterAll(async () => {
    await server?.kill9();
    await restored?.kill9();
    await stub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up under load, refuses to restore over a running server, a corrupted file and strangers, and the restored copy is a consistent point the server serves', async () => {
    stub = await startYantaiStub({ secret: RELIABILITY_SECRET, slowMs: 0 });
    server = new ServerProcess({
      databasePath: live,
      port: await freePort(),
      logFile: join(dir, 'server.log'),
      env: { UPSTREAM_BASE_URL: stub.url, UPSTREAM_SECRET: RELIABILITY_SECRET, UPSTREAM_POLL_MS: '100' },
    });
    await server.start();
    const journalPath = join(dir, 'journal.ndjson');
    const driver = await startDriver(
      {
        baseUrl: server.url,
        secret: RELIABILITY_SECRET,
        journal: journalPath,
        pipelines: 4,
        prefix: `BK${Date.now().toString(36)}`,
        departments: ['zjj', 'scjg'],
        healthEveryMs: 0,
      },
      join(dir, 'driver.log'),
    );
    await sleep(3_000);

    // Mid-load: everything acknowledged before the backup starts must be in it.
    const ackedBefore = readJournal(journalPath);
    const backup = await runOps('backup', [backupFile, '--json'], live);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const report = JSON.parse(backup.stdout) as BackupResult;
    const ackedAfter = readJournal(journalPath);

    // The server is running: restoring over its database is refused and changes nothing.
    const busy = await runOps('restore', [backupFile], live);
    expect(busy.code).toBe(EXIT.inUse);
    expect(busy.stderr).toMatch(/is in use \(is the server running\?\)/);
    expect(readdirSync(dir).filter((f) => f.includes('before-restore'))).toEqual([]);

    await sleep(1_000);
    const summary = await driver.stop();
    await server.stop();
    expect(ackedBefore.length).toBeGreaterThan(0);
    expect(summary.noAnswer).toBe(0);
    const journal = readJournal(journalPath);

    // The backup is a consistent point: whole, seq gap-free, outbox tied to its events, all that was
    // acknowledged before it began, nothing that was never acknowledged.
    const snap = readSnapshot(backupFile);
    // Messages queued after the snapshot were delivered later: the stub's record of those is not this point's.
    const inSnapshot = new Set(snap.outbox.map((m) => m.messageId));
    const check = checkRun({
      journal: ackedBefore,
      db: snap,
      stub: stub.requests.filter((r) => inSnapshot.has(r.messageId)),
      drained: false,
    });
    expect(check.problems).toEqual([]);
    expect(check.counts.maxSeq).toBe(report.maxSeq);
    expect(check.counts.events).toBe(report.counts.ticket_events);
    expect(snap.tickets.length).toBe(report.counts.tickets);
    expect(snap.outbox.length).toBe(report.counts.upstream_outbox);
    expect(new Set(snap.events.map((e) => e.ticketNo)).size).toBe(snap.tickets.length);
    const firstEvent = new Map<string, string>();
    for (const e of snap.events) if (!firstEvent.has(e.ticketNo)) firstEvent.set(e.ticketNo, e.action);
    expect([...firstEvent.values()].every((a) => a === 'register')).toBe(true);
    const everAcked = new Set(journal.filter((j) => j.k === 'order').map((j) => j.orderNo));
    const inBackup = snap.tickets.filter((t) => t.orderNo !== null).map((t) => t.orderNo!);
    expect(inBackup.every((o) => everAcked.has(o))).toBe(true);
    expect(inBackup.length).toBeGreaterThanOrEqual(
      new Set(ackedBefore.filter((j) => j.k === 'order').map((j) => j.orderNo)).size,
    );
    expect(report.maxSeq).toBeLessThan(readSnapshot(live).events.length + 1);
    console.log(
      `backup under load: ${report.bytes} bytes in ${report.seconds.toFixed(2)} s, max seq ${report.maxSeq}, ` +
        `${report.counts.tickets} tickets, ${report.counts.upstream_outbox} outbox rows; journal ${ackedBefore.length} lines before, ${ackedAfter.length} after, ${journal.length} at the end`,
    );

    // Refusals: a corrupted backup (target untouched), a missing file, not SQLite, not ours.
    const before = sha(live);
    const damaged = join(dir, 'damaged.db');
    copyFileSync(backupFile, damaged);
    corrupt(damaged);
    const refused = await runOps('restore', [damaged], live);
    expect(refused.code).toBe(EXIT.corrupt);
    expect(refused.stderr).toMatch(/failed the integrity check/);
    expect(sha(live)).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('before-restore') || f.includes('restoring'))).toEqual(
      [],
    );
    expect((await runOps('restore', [join(dir, 'nope.db')], live)).code).toBe(EXIT.missing);
    expect((await runOps('restore', [journalPath], live)).code).toBe(EXIT.notSqlite);
    const stranger = join(dir, 'stranger.db');
    new Database(stranger).exec('create table notes (id integer primary key)').close();
    const notOurs = await runOps('restore', [stranger], live);
    expect(notOurs.code).toBe(EXIT.notOurs);
    expect(notOurs.stderr).toMatch(/not a hotline one/);
    expect(sha(live)).toBe(before);

    // Restore into a fresh path and serve it.
    const fresh = join(dir, 'restored', 'hotline.db');
    mkdirSync(join(dir, 'restored'));
    const done = await runOps('restore', [backupFile, '--json'], fresh);
    expect(done.code).toBe(0);
    const r = JSON.parse(done.stdout) as RestoreResult;
    expect(r).toMatchObject({ previous: null, maxSeq: report.maxSeq });
    restored = new ServerProcess({
      databasePath: fresh,
      port: await freePort(),
      logFile: join(dir, 'restored.log'),
      env: { UPSTREAM_BASE_URL: stub.url, UPSTREAM_SECRET: RELIABILITY_SECRET },
    });
    await restored.start();
    const client = hotlineClient(restored.url, RELIABILITY_SECRET);
    const token = await client.login('supervisor1');
    const order = ackedBefore.find((j) => j.k === 'order')!;
    const ticket = await client.ticket(token, order.ticketNo);
    expect(ticket.status).toBe(200);
    expect(ticket.body.events?.map((e) => e.seq)).toEqual(
      snap.events.filter((e) => e.ticketNo === order.ticketNo).map((e) => e.seq),
    );
    await restored.stop();
    expect(readSnapshot(fresh).integrity).toBe('ok');

    // Restoring over the stopped original moves it (and its -wal) aside, never deletes it.
    const over = await runOps('restore', [backupFile, '--json'], live);
    expect(over.code).toBe(0);
    const moved = (JSON.parse(over.stdout) as RestoreResult).previous!;
    expect(existsSync(moved)).toBe(true);
    expect(sha(moved)).toBe(before);
    expect(readSnapshot(live).events.length).toBe(report.maxSeq);
  }, 180_000);
});
