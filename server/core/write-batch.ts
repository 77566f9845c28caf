import { closeSync, fdatasync, openSync } from 'node:fs';
import type Database from 'better-sqlite3';

interface Job {
  fn: () => unknown;
  /** Writes that stay even if `fn` fails (a Yantai request's nonce); if this throws, nothing of the job stays. */
  keep?: () => void;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  ok?: boolean;
  value?: unknown;
  error?: unknown;
}

const MAX_BATCH = 64;

/** A savepoint's three statements, prepared once. */
interface Savepoint {
  open: Database.Statement;
  release: Database.Statement;
  rollback: Database.Statement;
}

/**
 * Group commit for request handlers. Writes that arrive together run in ONE SQLite transaction, so they
 * share one fsync; each runs in its own savepoint, so one that fails rolls back alone and answers its
 * own error. Nobody hears back before the shared COMMIT is durable: results are handed out after it,
 * and work registered with `afterCommit` while the batch runs (pushes, waking the outbox) runs only
 * then, and never if the batch did not commit.
 *
 * On a file database the COMMIT itself does not wait for the disk (`synchronous = NORMAL` for that one
 * statement): the WAL is fsynced afterwards on libuv's thread pool, one fsync at a time, each covering
 * every batch committed before it started. The event loop keeps serving requests, and the next batch
 * fills, while the disk works; an acknowledged write is still on disk, as with `synchronous = FULL`.
 */
export function createWriteBatcher(
  sqlite: Database.Database,
  durable: Durability | null = sqlite.memory ? null : walSyncer(`${sqlite.name}-wal`),
  /** Told when after-commit work throws (it must not): the other work still runs, and the process goes on. */
  onError: (err: unknown) => void = (err) => console.error('after-commit work failed', err),
) {
  let queue: Job[] = [];
  let scheduled = false;
  let deferred: (() => void)[] | null = null;
  // Batches are numbered as they commit; `answered` is the last whose answers went out (they go in order).
  // After-commit work of a write outside any batch waits here for the batch committed just before it.
  let committed = 0;
  let answered = 0;
  const behind: { batch: number; run: () => void }[] = [];
  // Prepared once: the connection stays `synchronous = FULL` for every other writer.
  const noWait = durable ? sqlite.prepare('PRAGMA synchronous = NORMAL') : null;
  const waitForDisk = durable ? sqlite.prepare('PRAGMA synchronous = FULL') : null;
  // Statements prepared once; each write runs in a savepoint of the batch's transaction.
  const tx = {
    begin: sqlite.prepare('BEGIN IMMEDIATE'),
    commit: sqlite.prepare('COMMIT'),
    rollback: sqlite.prepare('ROLLBACK'),
  };
  const savepoint = (name: string): Savepoint => ({
    open: sqlite.prepare(`SAVEPOINT ${name}`),
    release: sqlite.prepare(`RELEASE ${name}`),
    rollback: sqlite.prepare(`ROLLBACK TO ${name}`),
  });
  /** Each job's `fn` runs in this savepoint. */
  const jobSavepoint = savepoint('batch_write');

  /**
   * Runs `write` in a savepoint: if it throws, its writes are rolled back, the after-commit work it added is
   * dropped, and the job fails with its error (the batch goes on).
   */
  function inSavepoint(sp: Savepoint, job: Job, after: (() => void)[], write: () => void): void {
    const mark = after.length;
    sp.open.run();
    try {
      write();
      sp.release.run();
    } catch (err) {
      // A failure that dropped the whole transaction (disk full, I/O) fails the batch with its own error.
      if (!sqlite.inTransaction) throw err;
      sp.rollback.run();
      sp.release.run();
      after.length = mark;
      job.ok = false;
      job.error = err;
    }
  }

  /**
   * One job: its `keep` first, then its `fn` in a savepoint of its own, so that a failing `fn` takes only itself.
   * `keep` needs no savepoint: it is one statement (a nonce's row), and SQLite undoes a statement that fails by
   * itself. A Yantai order's job had two savepoints; both together cost about 5 µs of its write (docs/performance.md).
   */
  function runJob(job: Job, after: (() => void)[]): void {
    if (job.keep) {
      try {
        job.keep();
      } catch (err) {
        // Some failures (disk full, I/O) roll the whole transaction back, not only the statement: then the batch
        // fails as one, and no later job may run outside it.
        if (!sqlite.inTransaction) throw err;
        job.ok = false;
        job.error = err;
        return;
      }
    }
    inSavepoint(jobSavepoint, job, after, () => {
      job.value = job.fn();
      job.ok = true;
    });
  }

  function settle(jobs: Job[], after: (() => void)[], failure: unknown): void {
    if (failure !== undefined) {
      for (const job of jobs) job.reject(failure);
      return;
    }
    for (const job of jobs) {
      if (job.ok) job.resolve(job.value);
      else job.reject(job.error);
    }
    runAll(after);
  }

  /**
   * Runs after-commit work, each piece on its own: one that throws is reported and does not keep the rest from
   * running (it may run in the disk's callback, where a throw would end the process).
   */
  function runAll(fns: (() => void)[]): void {
    for (const fn of fns) {
      try {
        fn();
      } catch (err) {
        onError(err);
      }
    }
  }

  /** A batch's answers went out: run the work that waited for it, in order. */
  function answeredUpTo(batch: number): void {
    answered = batch;
    while (behind.length > 0 && behind[0]!.batch <= batch) behind.shift()!.run();
  }

  /**
   * Runs after-commit work of a write outside any batch: at once, or after the answers of batches committed
   * before it that still wait for the disk. Ticket events then reach the consoles in `seq` order, which they
   * rely on (a console drops an event older than the newest it has seen).
   */
  function afterEarlierBatches(fns: (() => void)[]): void {
    const run = () => runAll(fns);
    // Work already waiting goes first, also when it is being run right now and this write came from it.
    if (answered === committed && behind.length === 0) run();
    else behind.push({ batch: committed, run });
  }

  function flush(): void {
    scheduled = false;
    const jobs = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) schedule();
    const after: (() => void)[] = [];
    noWait?.run();
    try {
      tx.begin.run();
      try {
        for (const job of jobs) {
          deferred = after;
          try {
            runJob(job, after);
          } finally {
            deferred = null;
          }
        }
        tx.commit.run();
      } catch (err) {
        if (sqlite.inTransaction) tx.rollback.run();
        throw err;
      }
    } catch (err) {
      settle(jobs, after, err);
      return;
    } finally {
      waitForDisk?.run();
    }
    if (!durable) {
      settle(jobs, after, undefined);
      return;
    }
    // The disk's callbacks come in the order of the COMMITs (walSyncer), so batches are answered in order.
    const batch = ++committed;
    durable.sync((err) => {
      settle(jobs, after, err ?? undefined);
      answeredUpTo(batch);
    });
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    /**
     * Runs `fn` (synchronous, writing through this connection) in the next shared transaction. With `keep`,
     * that runs first and its write is committed even if `fn` then fails (the promise still rejects with
     * `fn`'s error, once it is durable); if `keep` itself throws, nothing of the two is written. `keep` writes
     * with ONE statement at most, after any check that may refuse: it runs outside the job's savepoint.
     */
    run<T>(fn: () => T, keep?: () => void): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, keep, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    /**
     * Runs `fn` at once in one transaction of its own, with the same promise as a batch: its after-commit
     * work waits for the COMMIT (and for the answers of batches committed before it that still wait for the
     * disk) and is dropped if it rolls back (the deadline scanner writes its cards so).
     */
    atomically<T>(fn: () => T): T {
      const after: (() => void)[] = [];
      deferred = after;
      let value: T;
      try {
        value = sqlite.transaction(fn).immediate();
      } finally {
        deferred = null;
      }
      afterEarlierBatches(after);
      return value;
    },
    /**
     * Runs `fn` once what is being written now is committed: after its batch's COMMIT is durable inside one;
     * outside, at once, or behind the answers of batches committed before that still wait for the disk.
     */
    afterCommit(fn: () => void): void {
      if (deferred) deferred.push(fn);
      else afterEarlierBatches([fn]);
    },
    /** Fails whatever is still queued (at shutdown); committed batches still get their answers. */
    drop(): void {
      const jobs = queue;
      queue = [];
      for (const job of jobs) job.reject(new Error('server is shutting down'));
    },
    /** Waits until every committed batch is on disk and has its answers, then lets go of the WAL file. */
    close(): Promise<void> {
      return new Promise((resolve) => {
        if (!durable) return resolve();
        durable.sync(() => {
          durable.close();
          resolve();
        });
      });
    },
  };
}

/** Makes what is committed so far durable, then calls back (with the error if the disk failed). */
export interface Durability {
  sync(cb: (err: NodeJS.ErrnoException | null) => void): void;
  close(): void;
}

/**
 * fsyncs a WAL file off the event loop. Callers that arrive while an fsync runs wait for the next one:
 * their COMMIT may have written after the running one started.
 */
export function walSyncer(path: string): Durability {
  let fd: number | null = null;
  let running = false;
  let waiting: ((err: NodeJS.ErrnoException | null) => void)[] = [];

  function start(): void {
    const batch = waiting;
    waiting = [];
    running = true;
    try {
      // fsync flushes the file, whichever descriptor wrote it; SQLite keeps the WAL (same inode) open.
      fd ??= openSync(path, 'r');
    } catch (err) {
      running = false;
      for (const cb of batch) cb(err as NodeJS.ErrnoException);
      return;
    }
    fdatasync(fd, (err) => {
      running = false;
      if (waiting.length > 0) start();
      for (const cb of batch) cb(err);
    });
  }

  return {
    sync(cb: (err: NodeJS.ErrnoException | null) => void): void {
      waiting.push(cb);
      if (!running) start();
    },
    close(): void {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

export type WriteBatcher = ReturnType<typeof createWriteBatcher>;
