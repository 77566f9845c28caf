import type { FastifyBaseLogger } from 'fastify';
import type { UpstreamConfig } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { retryDelay } from './upstream.backoff.js';
import { MESSAGE_PATHS } from './upstream.messages.js';
import { type OutboxLease, type OutboxRow, outboxRepo } from './upstream.outbox.js';
import { signedHeaders } from './upstream.signature.js';

const CONCURRENCY = 8;

/**
 * Delivers the outbox to Yantai: signed, in order per orderNo, at most one sender per message, retried with
 * backoff and jitter until delivered (2xx with `{"code":0}`) or dead after the budget. A sender holds its
 * message by a lease (timeout + 30 s); its result is written only while it still holds that lease, so one
 * that stalled past it cannot undo what the worker that took the message over did (upstream.outbox.ts).
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

  async function deliver(row: OutboxRow, lease: OutboxLease): Promise<void> {
    const result = await send(row);
    const now = clock.now();
    const about = {
      messageId: row.messageId,
      orderNo: row.orderNo,
      kind: row.kind,
      attempts: lease.attempts,
    };
    if (result.ok) {
      const outcome = outboxRepo.delivered(db, lease, now);
      if (outcome === 'leased') log.info(about, 'upstream message delivered');
      else if (outcome === 'late')
        log.warn(
          { ...about, leaseUntil: lease.leaseUntil },
          'upstream message delivered after its lease was lost; recorded as delivered',
        );
      else
        log.warn(
          { ...about, leaseUntil: lease.leaseUntil },
          'upstream delivery result dropped: lease lost and the message was already delivered',
        );
      return;
    }
    const dead = lease.attempts >= config.retry.budget;
    const written = outboxRepo.failed(db, lease, result.error, {
      dead,
      at: now + retryDelay(lease.attempts, config.retry, random),
    });
    if (!written) {
      log.warn(
        { ...about, leaseUntil: lease.leaseUntil, error: result.error },
        'upstream failure result dropped: lease lost, the message is in other hands',
      );
      return;
    }
    log.warn(
      { ...about, error: result.error, dead },
      dead ? 'upstream message dead-lettered' : 'upstream message will be retried',
    );
  }

  const inFlight = new Set<number>();
  let idle: (() => void)[] = [];

  /**
   * Keeps up to CONCURRENCY messages on the way: claims the due head of each order with a free slot, and
   * claims again as each one settles, so a Yantai that answers one message slowly holds up only that order.
   */
  function pump(): void {
    const free = CONCURRENCY - inFlight.size;
    if (!stopped && free > 0) {
      const now = clock.now();
      outboxRepo.reclaimExpired(db, now);
      const lease = now + config.timeoutMs + 30_000;
      for (const row of outboxRepo.dueHeads(db, now, CONCURRENCY)) {
        if (inFlight.size >= CONCURRENCY) break;
        if (inFlight.has(row.id)) continue;
        const claimed = outboxRepo.claim(db, row.id, lease);
        if (!claimed) continue;
        inFlight.add(row.id);
        deliver(row, claimed)
          .catch((err: unknown) => log.error({ err, messageId: row.messageId }, 'outbox delivery failed'))
          .finally(() => {
            inFlight.delete(row.id);
            pump();
          });
      }
    }
    if (inFlight.size === 0) settleIdle();
  }

  function settleIdle(): void {
    const waiting = idle;
    idle = [];
    for (const resolve of waiting) resolve();
  }

  /** Sends everything that is due now, until nothing is; resolves when nothing is on the way. */
  function drain(): Promise<void> {
    return new Promise<void>((resolve) => {
      idle.push(resolve);
      try {
        pump();
      } catch (err) {
        log.error({ err }, 'outbox worker pass failed');
        if (inFlight.size === 0) settleIdle();
      }
    });
  }

  return {
    drain,
    /** Asks for a pass soon (after a commit that queued a message). */
    wake(): void {
      if (!stopped) setImmediate(() => void drain());
    },
    /** Polls every `pollMs` from now, starting with a pass. */
    start(): void {
      stopped = false;
      timer = setInterval(() => void drain(), config.pollMs);
      timer.unref();
      void drain();
    },
    /** Stops claiming; resolves once the messages on the way have settled. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      if (inFlight.size > 0) await new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
