import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** What SQLite does by itself on every COMMIT once the WAL holds this many pages (its default). */
const AUTO_CHECKPOINT_PAGES = 1000;
/**
 * While the worker runs, the connection still checkpoints past this many pages (16 MB). Under a steady stream
 * of writes the worker's PASSIVE checkpoints never quite catch up (pages keep arriving while they copy), so
 * the WAL is never fully copied and never starts over from its beginning: it grew to 160 MB in the order
 * benchmark, and every fsync had a longer file to extend. The writer's own checkpoint finds almost everything
 * copied already, finishes (no write can come in between on its thread), and the WAL starts over.
 */
export const BACKSTOP_PAGES = 4000;

// The worker is plain CommonJS passed as a string, so that it runs the same under tsx, vitest and node.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const run = () => {
  try {
    const r = checkpoint.get();
    if (workerData.report) {
      parentPort.postMessage({ kind: 'checkpoint', busy: r.busy, log: r.log, checkpointed: r.checkpointed });
    }
  } catch (err) {
    parentPort.postMessage({ kind: 'error', message: String(err && err.message || err) });
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort.close();
});
`;

export interface CheckpointResult {
  /** 1 when another connection held the checkpoint lock and nothing was copied. */
  busy: number;
  /** Frames in the WAL, and how many of them are now in the database file. */
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /** Stops the worker after one last checkpoint; the connection checkpoints by itself again. */
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the event loop. By default SQLite checkpoints inside whichever COMMIT finds the WAL
 * over 1,000 pages: that COMMIT then copies those pages into the database file and fsyncs it, on the thread
 * that serves requests (about half of what a Yantai order's COMMIT cost, measured in `test/bench/run.ts`).
 * Here a worker thread with its own connection runs a PASSIVE checkpoint every `intervalMs`, which never
 * blocks the writer or readers, and the request connection checkpoints only past BACKSTOP_PAGES (copying the
 * little the worker left). If the worker fails, the connection checkpoints at SQLite's default again.
 */
export function startCheckpointer(
  sqlite: Database.Database,
  opts: {
    intervalMs?: number;
    onError?: (message: string) => void;
    onCheckpoint?: (r: CheckpointResult) => void;
  } = {},
): Checkpointer | null {
  if (sqlite.memory) return null;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // Results cross to this thread only for someone who listens: the server does not, and the request thread
    // is not woken five times a second for nothing.
    workerData: {
      driver,
      path: sqlite.name,
      intervalMs: opts.intervalMs ?? 200,
      report: !!opts.onCheckpoint,
    },
  });
  worker.unref();
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  let stopped = false;
  const fallBack = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  };
  worker.on('message', (m: { kind: string; message?: string } & CheckpointResult) => {
    if (m.kind === 'error') opts.onError?.(m.message ?? 'checkpoint failed');
    else opts.onCheckpoint?.(m);
  });
  worker.on('error', (err) => {
    opts.onError?.(err.message);
    fallBack();
  });
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      if (!stopped) opts.onError?.('checkpoint worker exited');
      fallBack();
      resolve();
    });
  });
  return {
    stop() {
      if (!stopped) {
        stopped = true;
        // Unref'd, the worker would not keep the process alive until it exits: a script with nothing else to do
        // would end inside `await stop()`, before it closes its database.
        worker.ref();
        worker.postMessage('stop');
      }
      return exited;
    },
  };
}
