// `npm run restore -- <backup file> [--database <path>] [--json]`: puts a backup in place of a STOPPED
// server's database (DATABASE_PATH, default data/hotline.db). Refuses while a process has the database
// open (see databaseInUse). The backup is first copied next to the target and the copy is checked
// (integrity, one of our databases, a schema this version knows), so the user's backup file is never
// opened for writing and a bad one leaves the target untouched. Then the old database is moved aside as
// `<path>.before-restore-<timestamp>` (with its -wal, which may hold committed transactions), its stale
// -shm removed, and the checked copy renamed into place.
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCli } from './ops.cli.js';
import {
  assertSqliteFile,
  type DatabaseReport,
  databaseInUse,
  databasePathFromEnv,
  describeReport,
  EXIT,
  fsyncPath,
  inspectDatabase,
  OpsError,
} from './ops.database.js';

export interface RestoreResult extends DatabaseReport {
  backup: string;
  /** Where the database that was there before now is (null: there was none). */
  previous: string | null;
}

const refuseInUse = (target: string) =>
  new OpsError(
    EXIT.inUse,
    `${target} is in use (is the server running?). Stop the server first; nothing was changed`,
  );

/** Restores `backup` into `target` (see the file comment); returns what was restored and where the old one went. */
export function restoreDatabase(backup: string, target: string, now = new Date()): RestoreResult {
  assertSqliteFile(backup, 'backup');
  if (resolve(backup) === resolve(target))
    throw new OpsError(EXIT.usage, 'the backup is the database itself');
  if (existsSync(target)) {
    assertSqliteFile(target, 'database');
    if (databaseInUse(target)) throw refuseInUse(target);
  }
  if (!existsSync(dirname(target)))
    throw new OpsError(EXIT.missing, `the folder of ${target} does not exist`);

  const incoming = `${target}.restoring-${process.pid}`;
  const clean = () => {
    for (const f of [incoming, `${incoming}-journal`, `${incoming}-wal`, `${incoming}-shm`])
      rmSync(f, { force: true });
  };
  clean();
  let report: DatabaseReport;
  try {
    copyFileSync(backup, incoming);
    report = inspectDatabase(incoming);
    fsyncPath(incoming);
  } catch (err) {
    clean();
    throw err;
  }

  // Checked again just before the swap: a server started meanwhile keeps its database.
  if (existsSync(target) && databaseInUse(target)) {
    clean();
    throw refuseInUse(target);
  }
  let previous: string | null = null;
  if (existsSync(target)) {
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    previous = `${target}.before-restore-${stamp}`;
    renameSync(target, previous);
    if (existsSync(`${target}-wal`)) renameSync(`${target}-wal`, `${previous}-wal`);
  }
  for (const stale of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) rmSync(stale, { force: true });
  renameSync(incoming, target);
  fsyncPath(dirname(target));
  return { ...report, path: target, backup, previous };
}

function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { database: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const backup = positionals[0];
  if (!backup || positionals.length > 1)
    throw new OpsError(EXIT.usage, 'usage: npm run restore -- <backup file> [--database <path>] [--json]');
  const target = values.database ? resolve(values.database) : databasePathFromEnv();
  const r = restoreDatabase(resolve(backup), target);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return Promise.resolve();
  }
  process.stdout.write(
    [
      `restored ${r.backup}`,
      `  into        ${r.path}`,
      `  previous    ${r.previous ?? '(none)'}`,
      '  integrity   ok',
      ...describeReport(r),
      'Start the server on it (it applies newer migrations at start).',
      '',
    ].join('\n'),
  );
  return Promise.resolve();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  runCli('restore', () => Promise.resolve().then(main));
