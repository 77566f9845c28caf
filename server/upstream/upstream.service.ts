import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { UpstreamConfig } from '../config.js';
import { type Clock, toIso } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { AppError, badRequest, conflict, notFound, schemaError, unauthorized } from '../core/errors.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { SlaService } from '../sla/sla.service.js';
import type { CommitHooks, Committed } from '../tickets/tickets.hooks.js';
import type { Action } from '../tickets/tickets.machine.js';
import type { TicketsService } from '../tickets/tickets.service.js';
import { ticketEvents } from '../tickets/tickets.tables.js';
import { messageFor, NOT_GIVEN } from './upstream.messages.js';
import { createNonceLog } from './upstream.nonces.js';
import { type OutboxRow, type OutboxState, outboxRepo } from './upstream.outbox.js';
import type { NoticeInput, OrderInput } from './upstream.schemas.js';
import { checkSignature } from './upstream.signature.js';
import { upstreamNotices } from './upstream.tables.js';
import type { OutboxWorker } from './upstream.worker.js';

const NOTICE_ACTION: Record<NoticeInput['kind'], Action> = {
  urge: 'urge',
  supervise: 'supervise',
  rework: 'rework',
  recall: 'recall',
  close: 'close',
};

/** The notices whose `dueAt` becomes the order's due. */
const MOVES_DUE: readonly NoticeInput['kind'][] = ['rework', 'urge', 'supervise'];

/** The states an order sent again takes a ticket out of (tickets.machine.ts `retransfer`). */
const REOPENED_BY_ORDER: readonly string[] = ['returned_upstream', 'cancelled'];

/** How far from now a time Yantai sends may lie: an order is not created or due years away. */
const TIME_WINDOW_MS = 366 * 86_400_000;

/**
 * A time from Yantai, within a year of now. A time far off is a mistake on their side, and it would break
 * every later view of the ticket (a due time in year 9999 is shown in year 10000, which is no ISO time).
 */
const parseTime = (field: string, value: string, now: number): number => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw schemaError(field, 'must be an ISO-8601 time with offset');
  if (Math.abs(ms - now) > TIME_WINDOW_MS) throw schemaError(field, 'must be within a year of now');
  return ms;
};

/** The Yantai bridge: signed requests in, orders to tickets, notices to actions, messages to the outbox. */
export function createUpstreamService(deps: {
  db: Db;
  clock: Clock;
  config: UpstreamConfig;
  tickets: Pick<TicketsService, 'registerFromUpstream' | 'findByOrderNo' | 'actUpstream'>;
  directory: Pick<DirectoryService, 'getDepartment' | 'findCategory'>;
  sla: Pick<SlaService, 'getPolicy'>;
  hooks: CommitHooks;
  worker: Pick<OutboxWorker, 'wake'>;
  /** Warned when a message goes out with a placeholder for a required text (upstream.messages.ts). */
  log?: Pick<FastifyBaseLogger, 'warn'>;
}) {
  const { db, clock, config, tickets, directory, hooks, worker } = deps;

  // Every change to an order queues its message to Yantai in the same transaction as its event;
  // the worker is woken once that is committed.
  const queued = new WeakSet<Committed>();
  hooks.inTransaction((tx, c) => {
    if (!c.ticket.upstreamOrderNo) return;
    const margin = deps.sla.getPolicy().upstreamMarginMinutes * 60_000;
    const m = messageFor(c, (id) => directory.getDepartment(id)?.name, margin);
    if (!m) return;
    const row = outboxRepo.enqueue(tx, m, {
      ticketNo: c.ticket.no,
      sourceSeq: c.event.seq,
      now: clock.now(),
    });
    if (m.notGiven)
      deps.log?.warn(
        { messageId: row.messageId, orderNo: row.orderNo, kind: m.kind, fields: m.notGiven },
        `upstream message sends ${NOT_GIVEN} for required texts the ticket has none for`,
      );
    queued.add(c);
  });
  hooks.afterCommit((c) => {
    if (queued.has(c)) worker.wake();
  });

  const nonces = createNonceLog(db, clock);

  const categoryIdOf = (label: string): number | null => directory.findCategory(label)?.id ?? null;

  /**
   * An order we already have, sent again. The same message again (a retry) changes nothing. A new message for
   * an order that is no longer ours (we returned it and Yantai found the return unfounded, 退单不成立; or Yantai
   * recalled it) takes it back: to the dispatchers, under the new deadlines, to be accepted again. Else the
   * order would be answered `code 0` and then lost here. An order still open stays as it is.
   */
  function retransferIfSentAgain(
    ticketNo: string,
    order: OrderInput,
    signDueAt: number,
    dueAt: number,
  ): void {
    const ticket = tickets.findByOrderNo(order.orderNo);
    if (!ticket || !REOPENED_BY_ORDER.includes(ticket.status)) return;
    const known = db
      .select({ data: ticketEvents.data })
      .from(ticketEvents)
      .where(
        and(eq(ticketEvents.ticketId, ticket.id), inArray(ticketEvents.action, ['register', 'retransfer'])),
      )
      .all()
      .some((e) => e.data?.messageId === order.messageId);
    if (known) return;
    tickets.actUpstream(ticketNo, 'retransfer', { messageId: order.messageId, signDueAt, dueAt });
  }

  return {
    /**
     * Checks a request's signature on its raw bytes: 401 for missing headers, a stale timestamp or a
     * signature that does not match. Returns the nonce to record with the request's work; stores nothing of the
     * request (now and then it forgets nonces whose time is up, outside any batch).
     */
    verify(headers: Record<string, string | string[] | undefined>, body: Buffer): string {
      const check = checkSignature({ secret: config.secret, headers, body, now: clock.now() });
      if (!check.ok) throw unauthorized(check.reason);
      nonces.pruneIfDue();
      return check.nonce;
    },

    /**
     * Records a signed request's nonce (401 if seen within the window), whatever becomes of the request: a
     * request refused after its signature (404, 409, a 400) cannot be replayed later, when it might succeed.
     * Run it with the request's work, as the batch's `keep` (core/write-batch.ts).
     */
    recordNonce(nonce: string): void {
      nonces.record(nonce);
    },

    /** An order becomes a ticket in `pending_dispatch`; the same orderNo again answers the same ticket. */
    receiveOrder(order: OrderInput): { ticketNo: string; created: boolean } {
      const now = clock.now();
      const signDueAt = parseTime('signDueAt', order.signDueAt, now);
      const dueAt = parseTime('dueAt', order.dueAt, now);
      parseTime('createdAt', order.createdAt, now);
      if (signDueAt > dueAt) throw badRequest('signDueAt', 'must not be later than dueAt');
      const registered = tickets.registerFromUpstream({
        ...order,
        categoryId: categoryIdOf(order.category),
        signDueAt,
        dueAt,
      });
      if (!registered.created) retransferIfSentAgain(registered.ticketNo, order, signDueAt, dueAt);
      return registered;
    },

    /** Applies a notice once: the same messageId again changes nothing. */
    receiveNotice(notice: NoticeInput): { ticketNo: string } {
      const seen = db
        .select()
        .from(upstreamNotices)
        .where(eq(upstreamNotices.messageId, notice.messageId))
        .get();
      const ticket = tickets.findByOrderNo(notice.orderNo);
      if (!ticket) throw notFound(`orderNo ${notice.orderNo}`);
      if (seen) return { ticketNo: ticket.no };
      if (notice.kind === 'rework' && !notice.dueAt)
        throw badRequest('dueAt', 'a rework notice brings the new due time');
      const now = clock.now();
      const dueAt = notice.dueAt === undefined ? undefined : parseTime('dueAt', notice.dueAt, now);
      // A due time moves the order's (rework, or 限期 with an urge or a supervise); close and recall ignore it.
      if (MOVES_DUE.includes(notice.kind) && dueAt !== undefined && dueAt <= now)
        throw badRequest('dueAt', `the new due time (${notice.kind}) must be later than now`);
      const input: Record<string, unknown> = {
        reason: notice.reason,
        message: notice.reason,
        ...(dueAt === undefined ? {} : { dueAt }),
      };
      parseTime('at', notice.at, now);
      tickets.actUpstream(ticket.no, NOTICE_ACTION[notice.kind], input, (tx) => {
        tx.insert(upstreamNotices)
          .values({
            messageId: notice.messageId,
            orderNo: notice.orderNo,
            kind: notice.kind,
            receivedAt: clock.now(),
          })
          .run();
      });
      return { ticketNo: ticket.no };
    },

    listOutbox(f: { state?: OutboxState; orderNo?: string; limit?: number }) {
      return outboxRepo.list(db, f, f.limit ?? 100).map(outboxView);
    },

    /** Puts a dead letter back in the queue with a fresh budget. */
    retry(id: number) {
      const row = outboxRepo.byId(db, id);
      if (!row) throw notFound(`outbox message ${id}`);
      if (!outboxRepo.retry(db, id, clock.now()))
        throw conflict('only a dead message can be retried', { state: row.state });
      worker.wake();
      return outboxView(outboxRepo.byId(db, id)!);
    },
  };
}

function outboxView(r: OutboxRow) {
  return {
    id: r.id,
    messageId: r.messageId,
    orderNo: r.orderNo,
    ticketNo: r.ticketNo,
    kind: r.kind,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: toIso(r.nextAttemptAt),
    lastError: r.lastError,
    createdAt: toIso(r.createdAt),
    deliveredAt: r.deliveredAt === null ? null : toIso(r.deliveredAt),
    body: JSON.parse(r.body) as Record<string, unknown>,
  };
}

export type UpstreamService = ReturnType<typeof createUpstreamService>;

/** 503 for the bridge's endpoints when it is not configured. */
export const bridgeDisabled = () =>
  new AppError(
    503,
    'UPSTREAM_DISABLED',
    'the Yantai bridge is not configured (UPSTREAM_BASE_URL, UPSTREAM_SECRET)',
  );
