import { DEMO_UPSTREAM } from '../config.js';
import type { NoticeInput } from '../upstream/upstream.schemas.js';
import { signedHeaders } from '../upstream/upstream.signature.js';
import { clip, clockTime, type Out, stdoutSink } from './output.js';
import { createOrderFactory } from './upstream-orders.js';
import {
  type Mode,
  RECEIVE_PATHS,
  type ReceivedMessage,
  type ReceivePath,
  startReceiver,
} from './upstream-receiver.js';

export { MODES, type Mode, type ReceivedMessage } from './upstream-receiver.js';

export interface UpstreamSimulatorOptions {
  /** Our server, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** The shared secret (the server's UPSTREAM_SECRET). */
  secret?: string;
  /** Where to receive our messages on 127.0.0.1 (0 = any free port). */
  port?: number;
  /** Orders per second. */
  rate?: number;
  /** Stop sending after this many orders; null = never stop. */
  count?: number | null;
  mode?: Mode;
  /** Seconds after a taken feedback before Yantai's verdict (`close`, or `rework`); 0 = never. */
  autoClose?: number;
  /** Seconds without a receipt (or return) before an `urge` notice; null = never. */
  urgeAfter?: number | null;
  /** Seconds without a feedback (or return) before a `supervise` notice (督办); null = never. */
  superviseAfter?: number | null;
  /** Chance (0–1) that the verdict on an order's first feedback is `rework` (due in 3 days), not `close`. */
  rework?: number;
  /** Recall (撤回) every N-th order sent, `recallAfter` seconds after sending it; 0 = never. */
  recallEvery?: number;
  /** Seconds after sending an order before its recall (with `recallEvery`). */
  recallAfter?: number;
  /** How long mode slow waits before answering (longer than the server's 10 s timeout). */
  slowMs?: number;
  out?: Out;
  random?: () => number;
}

export type SendResult = { ok: true; ticketNo: string } | { ok: false; error: string };
export type NoticeKind = NoticeInput['kind'];
export { NOTICE_KINDS } from '../upstream/upstream.schemas.js';

/** The reason a notice carries when none is given. */
export const NOTICE_REASONS: Record<NoticeKind, string> = {
  urge: '市民再次来电催问，请尽快办理',
  supervise: '诉求办理超时未反馈，市 12345 督办，请加快办理',
  rework: '回访群众不满意，问题未实际解决，退回重新办理',
  recall: '市民已撤销诉求，市平台撤回工单',
  close: '经回访群众满意，同意办结',
};

/** How long a rework gives Penglai when no due time is given. */
export const REWORK_DUE_MS = 3 * 24 * 3_600_000;

export interface SimulatorStats {
  mode: Mode;
  orders: { sent: number; accepted: number; failed: number };
  notices: { sent: number; accepted: number; failed: number; byKind: Record<string, number> };
  received: {
    total: number;
    badSignatures: number;
    /** Signed messages refused with 400 because their fields break the contract. */
    contractViolations: number;
    /** Messages taken with fields the contract does not list. */
    warnings: number;
    byPath: Record<ReceivePath, number>;
  };
  /** ticketNo by orderNo, for every order the server took. */
  tickets: Record<string, string>;
  messages: ReceivedMessage[];
}

const SEND_TIMEOUT_MS = 10_000;

/** Plays Yantai against a running server: sends signed orders and notices, receives and checks our messages. */
export async function startUpstreamSimulator(options: UpstreamSimulatorOptions) {
  const url = options.url.replace(/\/+$/, '');
  const secret = options.secret ?? DEMO_UPSTREAM.secret;
  const out = options.out ?? stdoutSink;
  const rate = options.rate ?? 0.2;
  const count = options.count ?? null;
  const autoClose = options.autoClose ?? 5;
  const urgeAfter = options.urgeAfter ?? null;
  const superviseAfter = options.superviseAfter ?? null;
  const rework = options.rework ?? 0;
  const recallEvery = options.recallEvery ?? 0;
  const recallAfter = options.recallAfter ?? 30;
  const random = options.random ?? Math.random;
  let mode: Mode = options.mode ?? 'ok';
  const factory = createOrderFactory({ random });
  const stopping = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const inflight = new Set<Promise<unknown>>();
  // What Yantai knows of each order, to send only the notices that still make sense.
  const receipted = new Set<string>(); // a receipt or a return arrived
  const returned = new Set<string>();
  const fedBack = new Set<string>(); // a feedback arrived since the last rework
  const reworked = new Set<string>();
  const over = new Set<string>(); // recalled or closed
  const active = (orderNo: string) => !returned.has(orderNo) && !over.has(orderNo);
  const stats: SimulatorStats = {
    mode,
    orders: { sent: 0, accepted: 0, failed: 0 },
    notices: { sent: 0, accepted: 0, failed: 0, byKind: {} },
    received: {
      total: 0,
      badSignatures: 0,
      contractViolations: 0,
      warnings: 0,
      byPath: Object.fromEntries(RECEIVE_PATHS.map((p) => [p, 0])) as Record<ReceivePath, number>,
    },
    tickets: {},
    messages: [],
  };

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p)).catch(() => undefined);
    return p;
  };

  /** One signed POST; the answer's ticketNo, or what went wrong. */
  async function post(path: string, body: object): Promise<SendResult> {
    const raw = JSON.stringify(body);
    try {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(secret, raw, Date.now()) },
        body: raw,
        signal: AbortSignal.any([AbortSignal.timeout(SEND_TIMEOUT_MS), stopping.signal]),
      });
      const text = await res.text();
      let json: { code?: unknown; ticketNo?: unknown; message?: unknown } = {};
      try {
        json = JSON.parse(text) as typeof json;
      } catch {
        // not JSON: reported below with the raw text
      }
      if (res.ok && json.code === 0 && typeof json.ticketNo === 'string')
        return { ok: true, ticketNo: json.ticketNo };
      const why = typeof json.message === 'string' ? json.message : text;
      return { ok: false, error: `HTTP ${res.status}: ${clip(why, 80)}` };
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name === 'TimeoutError') return { ok: false, error: `no answer in ${SEND_TIMEOUT_MS / 1000} s` };
      if (stopping.signal.aborted) return { ok: false, error: 'stopped' };
      const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
      return { ok: false, error: `${err instanceof Error ? err.message : String(err)}${cause}` };
    }
  }

  const outcome = (r: SendResult) => (r.ok ? r.ticketNo : `✗ ${r.error}`);

  /** Sends one new order; on success, schedules its urge, supervise and recall as the options say. */
  async function sendOrder(): Promise<SendResult> {
    const order = factory.order(Date.now());
    const { orderNo } = order;
    stats.orders.sent += 1;
    const recall = recallEvery > 0 && stats.orders.sent % recallEvery === 0;
    const result = await track(post('/api/upstream/v1/orders', order));
    if (result.ok) {
      stats.orders.accepted += 1;
      stats.tickets[orderNo] = result.ticketNo;
      if (urgeAfter !== null && urgeAfter > 0) {
        later(urgeAfter * 1000, () => {
          if (!receipted.has(orderNo) && active(orderNo))
            void sendNotice(orderNo, 'urge', `超过 ${urgeAfter} 秒未签收，请尽快签收办理`);
        });
      }
      if (superviseAfter !== null && superviseAfter > 0) {
        later(superviseAfter * 1000, () => {
          if (!fedBack.has(orderNo) && active(orderNo))
            void sendNotice(orderNo, 'supervise', `超过 ${superviseAfter} 秒未办结反馈，市 12345 督办`);
        });
      }
      if (recall) {
        later(recallAfter * 1000, () => {
          if (!fedBack.has(orderNo) && active(orderNo)) void sendNotice(orderNo, 'recall');
        });
      }
    } else stats.orders.failed += 1;
    const what = `[${order.category}] ${order.town} ${order.title}${order.urgency === 'urgent' ? ' (紧急)' : ''}`;
    out(`${clockTime(Date.now())} → order     ${orderNo}  ${what}  → ${outcome(result)}`);
    return result;
  }

  /**
   * Sends one notice (urge, supervise, rework, recall, close) for an order and prints it with the answer.
   * A rework without `dueAt` (Unix ms) is due REWORK_DUE_MS from now.
   */
  async function sendNotice(
    orderNo: string,
    kind: NoticeKind,
    reason: string = NOTICE_REASONS[kind],
    dueAt?: number,
  ): Promise<SendResult> {
    const now = Date.now();
    const due = kind === 'rework' ? (dueAt ?? now + REWORK_DUE_MS) : dueAt;
    const notice = factory.notice(now, orderNo, kind, reason, due);
    stats.notices.sent += 1;
    stats.notices.byKind[kind] = (stats.notices.byKind[kind] ?? 0) + 1;
    const result = await track(post('/api/upstream/v1/notices', notice));
    if (result.ok) {
      stats.notices.accepted += 1;
      if (kind === 'recall' || kind === 'close') over.add(orderNo);
      if (kind === 'rework') {
        reworked.add(orderNo);
        fedBack.delete(orderNo);
        over.delete(orderNo);
      }
    } else stats.notices.failed += 1;
    const dueText = notice.dueAt ? `  dueAt=${notice.dueAt}` : '';
    out(
      `${clockTime(Date.now())} → ${kind.padEnd(9)} ${orderNo}  "${clip(reason)}"${dueText}  → ${outcome(result)}`,
    );
    return result;
  }

  /** Yantai's verdict on a feedback: the first one of an order is reworked with chance `rework`. */
  function verdict(orderNo: string): void {
    if (!active(orderNo)) return;
    if (!reworked.has(orderNo) && rework > 0 && random() < rework) void sendNotice(orderNo, 'rework');
    else void sendNotice(orderNo, 'close');
  }

  function onMessage(m: ReceivedMessage): void {
    stats.received.total += 1;
    stats.received.byPath[m.path] += 1;
    stats.messages.push(m);
    if (!m.signatureOk) {
      stats.received.badSignatures += 1;
      return;
    }
    if (m.warnings.length > 0) stats.received.warnings += 1;
    if (m.violations.length > 0) {
      stats.received.contractViolations += 1;
      return;
    }
    const orderNo = m.orderNo;
    if (!orderNo) return;
    if (m.path === '/receipts' || m.path === '/returns') receipted.add(orderNo);
    if (m.path === '/returns') returned.add(orderNo);
    const taken = m.status === 200 && m.answered && !m.repeat;
    if (taken && m.path === '/feedback') {
      fedBack.add(orderNo);
      if (autoClose > 0 && !stopping.signal.aborted) later(autoClose * 1000, () => verdict(orderNo));
    }
  }

  const receiver = await startReceiver({
    port: options.port ?? Number(new URL(DEMO_UPSTREAM.baseUrl).port),
    secret,
    mode: () => mode,
    slowMs: options.slowMs ?? 15_000,
    out,
    signal: stopping.signal,
    onMessage,
  });

  let interval: NodeJS.Timeout | null = null;
  const sendNext = () => {
    void sendOrder();
    if (count !== null && stats.orders.sent >= count && interval) {
      clearInterval(interval);
      interval = null;
    }
  };
  if (rate > 0 && count !== 0) {
    interval = setInterval(sendNext, 1000 / rate);
    sendNext();
  }

  return {
    /** The port receiving our messages. */
    port: receiver.port,
    sendOrder,
    sendNotice,
    setMode(next: Mode): void {
      mode = next;
      stats.mode = next;
      out(`${clockTime(Date.now())} mode is now ${next}`);
    },
    /** A snapshot of what was sent and received so far. */
    stats(): SimulatorStats {
      return structuredClone(stats);
    },
    /** Stops sending, cancels pending notices and in-flight requests, and closes the port. */
    async stop(): Promise<void> {
      if (stopping.signal.aborted) return;
      stopping.abort();
      if (interval) clearInterval(interval);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inflight]);
      await receiver.close();
    },
  };
}

export type UpstreamSimulator = Awaited<ReturnType<typeof startUpstreamSimulator>>;
