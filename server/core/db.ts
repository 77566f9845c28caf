import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { phoneKey } from './phone.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle; data access takes one so callers can group writes. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Opens (creating if needed) the SQLite file with WAL, foreign keys, a busy timeout and temporary data in memory, then migrates it. */
export function openDatabase(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = FULL');
  // Statement and savepoint journals (every write of the group commit runs in a savepoint) and temporary sort
  // trees stay in memory: in files they were written out for nothing, 21 of the 29 KB a Yantai order wrote
  // (test/bench/profile-orders.ts: 28.5 KB → 7.1 KB per order, the server's system CPU 20 % → 15 %).
  sqlite.pragma('temp_store = MEMORY');
  // Before migrating: migration 0009 fills the stored phone keys with it, the same function the code keys
  // new rows with (a SQL copy of its rules could drift from it). Every migration from empty needs it too.
  sqlite.function('phone_key', { deterministic: true }, (phone: unknown) =>
    typeof phone === 'string' ? phoneKey(phone) : '',
  );
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/**
 * Runs `fn` in an immediate transaction of its own, or straight inside the one already open: a write batch
 * has put each write in a savepoint, which rolls back a write that throws (a nested drizzle transaction
 * would only add a second savepoint and a transaction object per write).
 */
export function withinTransaction<T>(db: Db, fn: (tx: DbOrTx) => T): T {
  if (db.$client.inTransaction) return fn(db);
  return db.transaction((tx) => fn(tx), { behavior: 'immediate' });
}
