import type Database from 'better-sqlite3';

interface Job {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  ok?: boolean;
  value?: unknown;
  error?: unknown;
}

const MAX_BATCH = 64;

/**
 * Group commit for request handlers. Writes that arrive together run in ONE SQLite transaction, so they
 * share one fsync; each runs in its own savepoint, so one that fails rolls back alone and answers its
 * own error. Nobody hears back before the shared COMMIT: results are handed out after it, and work
 * registered with `afterCommit` while the batch runs (pushes, waking the outbox) runs only once it is
 * durable, and never if the batch did not commit.
 */
export function createWriteBatcher(sqlite: Database.Database) {
  let queue: Job[] = [];
  let scheduled = false;
  let deferred: (() => void)[] | null = null;

  function flush(): void {
    scheduled = false;
    const jobs = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) schedule();
    const after: (() => void)[] = [];
    try {
      sqlite
        .transaction(() => {
          for (const job of jobs) {
            const mark = after.length;
            deferred = after;
            try {
              // A nested better-sqlite3 transaction is a savepoint.
              job.value = sqlite.transaction(job.fn)();
              job.ok = true;
            } catch (err) {
              after.length = mark;
              job.ok = false;
              job.error = err;
            } finally {
              deferred = null;
            }
          }
        })
        .immediate();
    } catch (err) {
      for (const job of jobs) job.reject(err);
      return;
    }
    for (const job of jobs) {
      if (job.ok) job.resolve(job.value);
      else job.reject(job.error);
    }
    for (const fn of after) fn();
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return {
    /** Runs `fn` (synchronous, writing through this connection) in the next shared transaction. */
    run<T>(fn: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    /**
     * Runs `fn` at once in one transaction of its own, with the same promise as a batch: its after-commit
     * work waits for the COMMIT and is dropped if it rolls back (the deadline scanner writes its cards so).
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
      for (const f of after) f();
      return value;
    },
    /** Runs `fn` once what is being written now is committed: at once outside a batch, after its COMMIT inside one. */
    afterCommit(fn: () => void): void {
      if (deferred) deferred.push(fn);
      else fn();
    },
    /** Fails whatever is still queued (at shutdown). */
    drop(): void {
      const jobs = queue;
      queue = [];
      for (const job of jobs) job.reject(new Error('server is shutting down'));
    },
  };
}

export type WriteBatcher = ReturnType<typeof createWriteBatcher>;
