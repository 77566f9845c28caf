import type { FastifyBaseLogger } from 'fastify';
import type { UpstreamConfig } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { retryDelay } from './upstream.backoff.js';
import { MESSAGE_PATHS } from './upstream.messages.js';
import { type OutboxRow, outboxRepo } from './upstream.outbox.js';
import { signedHeaders } from './upstream.signature.js';

const CONCURRENCY = 8;

/**
 * Delivers the outbox to Yantai: signed, in order per orderNo, at most one sender per message, retried with
 * backoff and jitter until delivered (2xx with `{"code":0}`) or dead after the budget.
 */
export function createOutboxWorker(deps: {
  db: Db;
  clock: Clock;
  config: UpstreamConfig;
  log: FastifyBaseLogger;
  random?: () => number;
}) {
  const { db, clock, config, log } = deps;
  const random = deps.random ?? Math.random;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  /** One delivery attempt: true when Yantai took it. */
  async function send(row: OutboxRow): Promise<{ ok: true } | { ok: false; error: string }> {
    try {
      const res = await fetch(`${config.baseUrl}${MESSAGE_PATHS[row.kind]}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signedHeaders(config.secret, row.body, clock.now()),
        },
        body: row.body,
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      const text = await res.text();
      if (!res.ok) return { ok: false, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
      let code: unknown;
      try {
        code = (JSON.parse(text) as { code?: unknown }).code;
      } catch {
        return { ok: false, error: `HTTP ${res.status} without a JSON answer` };
      }
      return code === 0
        ? { ok: true }
        : { ok: false, error: `answered code ${String(code)}: ${text.slice(0, 200)}` };
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name === 'TimeoutError' || name === 'AbortError')
        return { ok: false, error: `no answer in ${config.timeoutMs} ms` };
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  async function deliver(row: OutboxRow): Promise<void> {
    const result = await send(row);
    const now = clock.now();
    if (result.ok) {
      outboxRepo.delivered(db, row.id, now);
      log.info(
        { messageId: row.messageId, orderNo: row.orderNo, kind: row.kind },
        'upstream message delivered',
      );
      return;
    }
    const attempts = row.attempts + 1;
    const dead = attempts >= config.retry.budget;
    outboxRepo.failed(db, row.id, result.error, {
      dead,
      at: now + retryDelay(attempts, config.retry, random),
    });
    log.warn(
      { messageId: row.messageId, orderNo: row.orderNo, kind: row.kind, attempts, error: result.error, dead },
      dead ? 'upstream message dead-lettered' : 'upstream message will be retried',
    );
  }

  /** One pass: claims the due head of each order and sends them side by side. */
  async function pass(): Promise<number> {
    const now = clock.now();
    outboxRepo.reclaimExpired(db, now);
    const lease = now + config.timeoutMs + 30_000;
    const claimed = outboxRepo
      .dueHeads(db, now, CONCURRENCY)
      .filter((row) => outboxRepo.claim(db, row.id, lease));
    await Promise.all(claimed.map(deliver));
    return claimed.length;
  }

  /** Sends everything that is due now, until nothing is; concurrent calls share one run. */
  function drain(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        while ((await pass()) > 0) {
          // keep going while messages are being delivered
        }
      } while (again);
    })()
      .catch((err: unknown) => log.error({ err }, 'outbox worker pass failed'))
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    drain,
    /** Asks for a pass soon (after a commit that queued a message). */
    wake(): void {
      if (!stopped) setImmediate(() => void drain());
    },
    start(): void {
      stopped = false;
      if (config.pollMs > 0) {
        timer = setInterval(() => void drain(), config.pollMs);
        timer.unref();
        void drain();
      }
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
