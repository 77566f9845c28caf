import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWriteBatcher } from '../../../server/core/write-batch.js';

let sqlite: Database.Database;
beforeEach(() => {
  sqlite = new Database(':memory:');
  sqlite.exec('create table t (v text primary key)');
});
afterEach(() => sqlite.close());

const insert = (v: string) => () => sqlite.prepare('insert into t (v) values (?)').run(v).changes;
const rows = () => (sqlite.prepare('select v from t order by v').all() as { v: string }[]).map((r) => r.v);

describe('the write batcher', () => {
  it('runs writes that arrive together in one transaction and hands out each result', async () => {
    const batcher = createWriteBatcher(sqlite);
    let inOneTransaction = true;
    const results = await Promise.all(
      ['a', 'b', 'c'].map((v) =>
        batcher.run(() => {
          inOneTransaction &&= sqlite.inTransaction;
          return insert(v)();
        }),
      ),
    );
    expect(results).toEqual([1, 1, 1]);
    expect(inOneTransaction).toBe(true);
    expect(rows()).toEqual(['a', 'b', 'c']);
  });

  it('rolls back only the write that failed, which gets its own error', async () => {
    const batcher = createWriteBatcher(sqlite);
    const outcome = await Promise.allSettled([
      batcher.run(insert('a')),
      batcher.run(() => {
        insert('b')();
        throw new Error('refused');
      }),
      batcher.run(insert('a')), // a duplicate: fails on the primary key
      batcher.run(insert('c')),
    ]);
    expect(outcome.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcome[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(rows()).toEqual(['a', 'c']);
  });

  it('runs after-commit work only after the shared commit, and drops that of a failed write', async () => {
    const batcher = createWriteBatcher(sqlite);
    const seen: string[] = [];
    await Promise.allSettled([
      batcher.run(() => {
        insert('a')();
        batcher.afterCommit(() => seen.push(`a committed: ${!sqlite.inTransaction && rows().includes('a')}`));
      }),
      batcher.run(() => {
        batcher.afterCommit(() => seen.push('b must not be told'));
        throw new Error('b failed');
      }),
    ]);
    expect(seen).toEqual(['a committed: true']);
  });

  it('runs after-commit work at once outside a batch', () => {
    const batcher = createWriteBatcher(sqlite);
    const seen: string[] = [];
    batcher.afterCommit(() => seen.push('now'));
    expect(seen).toEqual(['now']);
  });

  it('fails every write of a batch whose commit fails, and tells nobody', async () => {
    const batcher = createWriteBatcher(sqlite);
    const seen: string[] = [];
    // A deferred foreign key is only checked at COMMIT: the whole batch's commit fails.
    sqlite.exec('pragma foreign_keys = on; create table p (id integer primary key);');
    sqlite.exec('create table c (p integer references p(id) deferrable initially deferred)');
    const outcome = await Promise.allSettled([
      batcher.run(insert('a')),
      batcher.run(() => {
        sqlite.prepare('insert into c (p) values (42)').run();
        batcher.afterCommit(() => seen.push('told'));
      }),
    ]);
    expect(outcome.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(rows()).toEqual([]);
    expect(seen).toEqual([]);
  });
});
