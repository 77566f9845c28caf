// What backup and restore need to know about a SQLite file: is it there, is it SQLite, is it whole
// (`PRAGMA integrity_check`), is it one of ours (drizzle's migrations table, the core tables), what does it
// hold, and is a server using it right now.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** Exit codes of `npm run backup` and `npm run restore` (also in docs/operations.md). */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  missing: 3,
  notSqlite: 4,
  corrupt: 5,
  notOurs: 6,
  inUse: 7,
} as const;

/** A refusal with the exit code that says why. */
export class OpsError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'OpsError';
  }
}

/** The server's database path: `DATABASE_PATH`, default `data/hotline.db`, as in server/config.ts. */
export const databasePathFromEnv = (env: Record<string, string | undefined> = process.env): string =>
  resolve(env.DATABASE_PATH || 'data/hotline.db');

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const CORE_TABLES = ['tickets', 'ticket_events', 'upstream_outbox', 'users', 'departments'];
const MIGRATIONS_JOURNAL = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../migrations/meta/_journal.json',
);

/** Refuses a path that does not exist or is not a SQLite 3 database file. */
export function assertSqliteFile(path: string, what: string): void {
  if (!existsSync(path)) throw new OpsError(EXIT.missing, `${what} ${path} does not exist`);
  if (!statSync(path).isFile()) throw new OpsError(EXIT.missing, `${what} ${path} is not a file`);
  const header = Buffer.alloc(MAGIC.length);
  const fd = openSync(path, 'r');
  let n = 0;
  try {
    n = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (n < MAGIC.length || !header.equals(MAGIC))
    throw new OpsError(EXIT.notSqlite, `${what} ${path} is not a SQLite database`);
}

export interface DatabaseReport {
  path: string;
  bytes: number;
  /** Migrations applied (drizzle's `__drizzle_migrations`), and how many this code knows. */
  migrations: number;
  knownMigrations: number;
  /** Rows per table. */
  counts: Record<string, number>;
  /** The last event `seq`: the point in the event log this copy stands at. */
  maxSeq: number;
}

/**
 * Checks a database file that nobody else uses (a fresh backup, a copy about to be restored): integrity,
 * that it is a hotline database of this or an older schema; then counts its rows. Throws OpsError.
 */
export function inspectDatabase(path: string): DatabaseReport {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (err) {
    throw new OpsError(EXIT.notSqlite, `${path} cannot be opened: ${(err as Error).message}`);
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      );
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (code === 'SQLITE_NOTADB') throw new OpsError(EXIT.notSqlite, `${path} is not a SQLite database`);
      throw new OpsError(EXIT.corrupt, `${path} failed the integrity check: ${(err as Error).message}`);
    }
    if (problems.length !== 1 || problems[0] !== 'ok')
      throw new OpsError(
        EXIT.corrupt,
        `${path} failed the integrity check:\n  ${problems.slice(0, 10).join('\n  ')}`,
      );
    const tables = (
      db
        .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
        .all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    if (!tables.includes('__drizzle_migrations'))
      throw new OpsError(
        EXIT.notOurs,
        `${path} is a SQLite database but not a hotline one (no migrations table)`,
      );
    const missing = CORE_TABLES.filter((t) => !tables.includes(t));
    if (missing.length > 0)
      throw new OpsError(EXIT.notOurs, `${path} is not a hotline database (no table ${missing.join(', ')})`);
    const count = (table: string) =>
      (db.prepare(`select count(*) as n from "${table.replaceAll('"', '""')}"`).get() as { n: number }).n;
    const migrations = count('__drizzle_migrations');
    const knownMigrations = (JSON.parse(readFileSync(MIGRATIONS_JOURNAL, 'utf8')) as { entries: unknown[] })
      .entries.length;
    if (migrations === 0) throw new OpsError(EXIT.notOurs, `${path} has no migration applied`);
    if (migrations > knownMigrations)
      throw new OpsError(
        EXIT.notOurs,
        `${path} has ${migrations} migrations, this version knows ${knownMigrations}: it comes from a newer version`,
      );
    const counts: Record<string, number> = {};
    for (const t of tables.filter((t) => t !== '__drizzle_migrations').sort()) counts[t] = count(t);
    const maxSeq = (db.prepare('select coalesce(max(seq), 0) as s from ticket_events').get() as { s: number })
      .s;
    return { path, bytes: statSync(path).size, migrations, knownMigrations, counts, maxSeq };
  } finally {
    db.close();
  }
}

/**
 * Whether another process has the database open. A server keeps its connection open from start to
 * close, and every open connection to a WAL database holds a shared lock; asking for an EXCLUSIVE lock
 * (`locking_mode = EXCLUSIVE` + `BEGIN EXCLUSIVE`, no busy wait) fails with SQLITE_BUSY while any other
 * connection exists, idle or not. The lock is an OS file lock, so it is released by a crash too: a server
 * killed with -9 does not count as running. Our own connection is closed before returning.
 */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new Database(path, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    if (
      (err as { code?: string }).code === 'SQLITE_BUSY' ||
      (err as { code?: string }).code === 'SQLITE_LOCKED'
    )
      return true;
    throw err;
  } finally {
    db.close();
  }
}

/** fsync a file or a directory (so a rename in it is durable). */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A size in bytes for people. */
export const formatBytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;

/** Prints a report as lines: size, migrations, event seq, row counts. */
export function describeReport(r: DatabaseReport): string[] {
  const widest = Math.max(...Object.keys(r.counts).map((k) => k.length));
  return [
    `  size        ${formatBytes(r.bytes)}`,
    `  migrations  ${r.migrations} (this version knows ${r.knownMigrations})`,
    `  max seq     ${r.maxSeq}`,
    '  rows:',
    ...Object.entries(r.counts).map(([t, n]) => `    ${t.padEnd(widest)}  ${n}`),
  ];
}
