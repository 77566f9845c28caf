import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
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

  it('commits what a write keeps even when its work fails, and drops only the work and its pushes', async () => {
    const batcher = createWriteBatcher(sqlite);
    const heard: string[] = [];
    const outcome = await Promise.allSettled([
      batcher.run(
        () => {
          insert('work')();
          batcher.afterCommit(() => heard.push('work pushed'));
          throw new Error('409: refused');
        },
        () => void insert('nonce-1')(),
      ),
      batcher.run(
        () => insert('done')(),
        () => void insert('nonce-2')(),
      ),
      // What is kept may itself refuse (a nonce seen before): then nothing of that write stays.
      batcher.run(
        () => insert('never')(),
        () => void insert('nonce-1')(),
      ),
    ]);
    expect(outcome.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'rejected']);
    expect((outcome[0] as PromiseRejectedResult).reason).toEqual(new Error('409: refused'));
    expect(rows()).toEqual(['done', 'nonce-1', 'nonce-2']);
    expect(heard).toEqual([]);
  });

  it('runs after-commit work at once outside a batch', () => {
    const batcher = createWriteBatcher(sqlite);
    const seen: string[] = [];
    batcher.afterCommit(() => seen.push('now'));
    expect(seen).toEqual(['now']);
  });

  it('fails the whole batch, and keeps nothing of it, when a kept write fails so that SQLite drops the transaction', async () => {
    const batcher = createWriteBatcher(sqlite);
    const seen: string[] = [];
    // A full disk (here: a page limit) rolls back the whole transaction, not only the statement.
    sqlite.exec('create table big (b blob)');
    sqlite.pragma('max_page_count = 20');
    const outcome = await Promise.allSettled([
      batcher.run(insert('first')),
      batcher.run(
        insert('work'),
        () => void sqlite.prepare('insert into big values (zeroblob(1000000))').run(),
      ),
      batcher.run(() => {
        batcher.afterCommit(() => seen.push('later told'));
        return insert('later')();
      }),
    ]);
    expect(outcome.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(rows()).toEqual([]);
    expect(seen).toEqual([]);
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

describe('the write batcher on a file database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'batch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A disk whose fsyncs complete only when the test says so. */
  function manualDisk() {
    const pending: ((err: NodeJS.ErrnoException | null) => void)[] = [];
    return {
      pending,
      sync: (cb: (err: NodeJS.ErrnoException | null) => void) => void pending.push(cb),
      close: () => {},
      finish: (err: NodeJS.ErrnoException | null = null) => {
        for (const cb of pending.splice(0)) cb(err);
      },
    };
  }

  function open(name: string) {
    const db = new Database(join(dir, name));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table t (v text primary key)');
    return db;
  }

  it('answers a batch and runs its after-commit work only once the disk has it', async () => {
    const db = open('a.db');
    const disk = manualDisk();
    const batcher = createWriteBatcher(db, disk);
    const heard: string[] = [];
    const write = batcher.run(() => {
      db.prepare("insert into t (v) values ('a')").run();
      batcher.afterCommit(() => heard.push('pushed'));
      return 'ok';
    });
    void write.then(() => heard.push('answered'));
    await new Promise((r) => setTimeout(r, 20));
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 1 }); // committed…
    expect(heard).toEqual([]); // …but nobody told yet
    expect(disk.pending).toHaveLength(1);
    disk.finish();
    await write;
    expect(heard.sort()).toEqual(['answered', 'pushed']);
    db.close();
  });

  it('leaves the connection waiting for the disk on every other commit', async () => {
    const db = open('b.db');
    const disk = manualDisk();
    const batcher = createWriteBatcher(db, disk);
    const write = batcher.run(() => db.prepare("insert into t (v) values ('b')").run().changes);
    await new Promise((r) => setTimeout(r, 10));
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    disk.finish();
    await write;
    db.close();
  });

  it('fails the batch when the disk does, and pushes nothing', async () => {
    const db = open('c.db');
    const disk = manualDisk();
    const batcher = createWriteBatcher(db, disk);
    let pushed = false;
    const write = batcher.run(() => {
      db.prepare("insert into t (v) values ('c')").run();
      batcher.afterCommit(() => {
        pushed = true;
      });
    });
    await new Promise((r) => setTimeout(r, 10));
    disk.finish(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
    await expect(write).rejects.toThrow('EIO');
    expect(pushed).toBe(false);
    db.close();
  });

  // A console drops a ticket event older than the newest it has seen: pushes must leave in commit order.
  it('holds the pushes of a write outside any batch behind a batch committed before it that waits for the disk', async () => {
    const db = open('e.db');
    const disk = manualDisk();
    const batcher = createWriteBatcher(db, disk);
    const heard: string[] = [];
    const write = batcher.run(() => {
      db.prepare("insert into t (v) values ('first')").run();
      batcher.afterCommit(() => heard.push('batch'));
    });
    await new Promise((r) => setTimeout(r, 10)); // committed, waiting for the disk
    batcher.atomically(() => {
      db.prepare("insert into t (v) values ('second')").run();
      batcher.afterCommit(() => heard.push('deadline scanner'));
    });
    batcher.afterCommit(() => heard.push('unbatched'));
    expect(heard).toEqual([]);
    disk.finish();
    await write;
    expect(heard).toEqual(['batch', 'deadline scanner', 'unbatched']);
    // With nothing waiting for the disk, the work of a write outside a batch runs at once again.
    batcher.atomically(() => batcher.afterCommit(() => heard.push('at once')));
    expect(heard.at(-1)).toBe('at once');
    db.close();
  });

  it('keeps the order, and the process, when after-commit work throws or writes again', async () => {
    const db = open('g.db');
    const disk = manualDisk();
    const errors: unknown[] = [];
    const batcher = createWriteBatcher(db, disk, (err) => errors.push(err));
    const heard: string[] = [];
    const insertRow = (v: string) => db.prepare('insert into t (v) values (?)').run(v);
    const write = batcher.run(() => {
      insertRow('batch');
      batcher.afterCommit(() => heard.push('batch'));
    });
    await new Promise((r) => setTimeout(r, 10)); // committed, waiting for the disk
    batcher.atomically(() => {
      insertRow('a');
      batcher.afterCommit(() => {
        heard.push('a');
        // Work that writes again: its own pushes come after everything committed before it.
        batcher.atomically(() => {
          insertRow('c');
          batcher.afterCommit(() => heard.push('c'));
        });
      });
      batcher.afterCommit(() => {
        throw new Error('a listener failed');
      });
    });
    batcher.atomically(() => {
      insertRow('b');
      batcher.afterCommit(() => heard.push('b'));
    });
    disk.finish(); // the disk's callback runs the waiting work: a throw there must not end the process
    await write;
    expect(heard).toEqual(['batch', 'a', 'b', 'c']);
    expect(errors).toEqual([new Error('a listener failed')]);
    db.close();
  });

  it('drops the pushes of a write outside any batch that rolls back, also behind a waiting batch', async () => {
    const db = open('f.db');
    const disk = manualDisk();
    const batcher = createWriteBatcher(db, disk);
    const heard: string[] = [];
    const write = batcher.run(() => {
      db.prepare("insert into t (v) values ('kept')").run();
      batcher.afterCommit(() => heard.push('batch'));
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(() =>
      batcher.atomically(() => {
        batcher.afterCommit(() => heard.push('rolled back'));
        db.prepare("insert into t (v) values ('kept')").run(); // duplicate key
      }),
    ).toThrow();
    disk.finish();
    await write;
    expect(heard).toEqual(['batch']);
    db.close();
  });

  it('fsyncs the real WAL file and keeps every answered write across a reopen', async () => {
    const path = join(dir, 'd.db');
    const db = open('d.db');
    const batcher = createWriteBatcher(db);
    const values = Array.from({ length: 50 }, (_, i) => `v${i}`);
    await Promise.all(
      values.map((v) => batcher.run(() => db.prepare('insert into t (v) values (?)').run(v))),
    );
    await batcher.close();
    db.close();
    const again = new Database(path);
    expect(again.prepare('select count(*) as n from t').get()).toEqual({ n: 50 });
    again.close();
  });
});
