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
