// `npm run backup -- <file> [--database <path>] [--json]`: an online backup of the server's database
// (DATABASE_PATH, default data/hotline.db) while the server runs and writes. SQLite's backup API copies
// from a separate read connection in ONE step, i.e. inside one read transaction: a consistent snapshot,
// and in WAL mode the server's writers are never blocked by it. The copy goes to a temporary file next to
// <file>, is switched out of WAL mode (one self-contained file), checked with `PRAGMA integrity_check`,
// fsynced, and only then renamed over <file>: a failed backup never replaces a good one.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { runCli } from './ops.cli.js';
import {
  assertSqliteFile,
  type DatabaseReport,
  databasePathFromEnv,
  describeReport,
  EXIT,
  fsyncPath,
  inspectDatabase,
  OpsError,
} from './ops.database.js';

export interface BackupResult extends DatabaseReport {
  source: string;
  seconds: number;
}

/** Copies the live database at `source` to `target` (see the file comment); returns what the copy holds. */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  const started = Date.now();
  assertSqliteFile(source, 'database');
  if (resolve(source) === resolve(target))
    throw new OpsError(EXIT.usage, 'the backup cannot be the database itself');
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  const clean = () => {
    for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`])
      rmSync(f, { force: true });
  };
  clean();
  try {
    const db = new Database(source, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 10000');
      // All remaining pages in each step: one read transaction, so writes by the server cannot make the
      // backup restart over and over.
      await db.backup(partial, { progress: () => 0x7fffffff });
    } finally {
      db.close();
    }
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const report = inspectDatabase(partial);
    fsyncPath(partial);
    renameSync(partial, target);
    fsyncPath(dirname(target));
    return { ...report, path: target, source, seconds: (Date.now() - started) / 1000 };
  } catch (err) {
    clean();
    throw err;
  }
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { database: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const target = positionals[0];
  if (!target || positionals.length > 1)
    throw new OpsError(EXIT.usage, 'usage: npm run backup -- <backup file> [--database <path>] [--json]');
  const source = values.database ? resolve(values.database) : databasePathFromEnv();
  const existed = existsSync(resolve(target));
  const r = await backupDatabase(source, resolve(target));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  process.stdout.write(
    [
      `backup of ${r.source}`,
      `  written to  ${r.path}${existed ? ' (replaced the earlier file)' : ''} in ${r.seconds.toFixed(2)} s`,
      '  integrity   ok',
      ...describeReport(r),
      '',
    ].join('\n'),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runCli('backup', main);
