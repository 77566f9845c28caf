import type Database from 'better-sqlite3';
import type { DbOrTx } from './db.js';

const caches = new WeakMap<object, Map<string, unknown>>();

/**
 * A drizzle query prepared once per connection and reused: building drizzle SQL costs more than running
 * it on SQLite, so the hot paths (lookups by key, the event append, the session check) build theirs once.
 * better-sqlite3 has one connection for a db and its transactions (drizzle's `tx.session` is the db's
 * session), so a statement prepared from either runs inside whatever transaction is open.
 */
export function prepared<T>(db: DbOrTx, key: string, build: (db: DbOrTx) => T): T {
  const session = (db as unknown as { session: object }).session;
  let cache = caches.get(session);
  if (!cache) {
    cache = new Map();
    caches.set(session, cache);
  }
  let query = cache.get(key) as T | undefined;
  if (query === undefined) {
    query = build(db);
    cache.set(key, query);
  }
  return query;
}

/**
 * A plain better-sqlite3 statement prepared once per connection, for the hottest writes: drizzle maps every
 * parameter of every call through its column types, which for a 40-column insert costs more than SQLite.
 * Callers bind values SQLite takes as they are (numbers, strings, null; booleans as 0/1, JSON as text).
 * `source` may be a function, called only the first time `key` is seen (a statement built from the key).
 */
export function statement(db: DbOrTx, key: string, source: string | (() => string)): Database.Statement {
  const session = (db as unknown as { session: { client: Database.Database } }).session;
  return prepared(db, `raw:${key}`, () =>
    session.client.prepare(typeof source === 'string' ? source : source()),
  );
}
