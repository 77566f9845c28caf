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
  /** Seconds after a taken feedback before the signed `close` notice; 0 = never. */
  autoClose?: number;
  /** Seconds without a receipt (or return) before an `urge` notice; null = never. */
  urgeAfter?: number | null;
  /** How long mode slow waits before answering (longer than the server's 10 s timeout). */
  slowMs?: number;
  out?: Out;
  random?: () => number;
}

export type SendResult = { ok: true; ticketNo: string } | { ok: false; error: string };

export interface SimulatorStats {
  mode: Mode;
  orders: { sent: number; accepted: number; failed: number };
  notices: { sent: number; accepted: number; failed: number; byKind: Record<string, number> };
  received: { total: number; badSignatures: number; byPath: Record<ReceivePath, number> };
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
  let mode: Mode = options.mode ?? 'ok';
  const factory = createOrderFactory(options.random ? { random: options.random } : {});
  const stopping = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const inflight = new Set<Promise<unknown>>();
  const receipted = new Set<string>();
  const stats: SimulatorStats = {
    mode,
    orders: { sent: 0, accepted: 0, failed: 0 },
    notices: { sent: 0, accepted: 0, failed: 0, byKind: {} },
    received: {
      total: 0,
      badSignatures: 0,
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

  /** Sends one new order; on success, watches it for a receipt when --urge-after is set. */
  async function sendOrder(): Promise<SendResult> {
    const order = factory.order(Date.now());
    stats.orders.sent += 1;
    const result = await track(post('/api/upstream/v1/orders', order));
    if (result.ok) {
      stats.orders.accepted += 1;
      stats.tickets[order.orderNo] = result.ticketNo;
      if (urgeAfter !== null && urgeAfter > 0) {
        later(urgeAfter * 1000, () => {
          if (!receipted.has(order.orderNo))
            void sendNotice(order.orderNo, 'urge', `超过 ${urgeAfter} 秒未签收，请尽快签收办理`);
        });
      }
    } else stats.orders.failed += 1;
    const what = `[${order.category}] ${order.town} ${order.title}${order.urgency === 'urgent' ? ' (紧急)' : ''}`;
    out(`${clockTime(Date.now())} → order   ${order.orderNo}  ${what}  → ${outcome(result)}`);
    return result;
  }

  /** Sends one notice (urge, supervise, rework, recall, close) for an order. */
  async function sendNotice(orderNo: string, kind: NoticeInput['kind'], reason: string, dueAt?: number) {
    const notice = factory.notice(Date.now(), orderNo, kind, reason, dueAt);
    stats.notices.sent += 1;
    stats.notices.byKind[kind] = (stats.notices.byKind[kind] ?? 0) + 1;
    const result = await track(post('/api/upstream/v1/notices', notice));
    if (result.ok) stats.notices.accepted += 1;
    else stats.notices.failed += 1;
    out(`${clockTime(Date.now())} → ${kind.padEnd(7)} ${orderNo}  "${clip(reason)}"  → ${outcome(result)}`);
    return result;
  }

  function onMessage(m: ReceivedMessage): void {
    stats.received.total += 1;
    stats.received.byPath[m.path] += 1;
    stats.messages.push(m);
    if (!m.signatureOk) {
      stats.received.badSignatures += 1;
      return;
    }
    if (m.orderNo && (m.path === '/receipts' || m.path === '/returns')) receipted.add(m.orderNo);
    const taken = m.status === 200 && m.answered && !m.repeat;
    if (taken && m.path === '/feedback' && m.orderNo && autoClose > 0 && !stopping.signal.aborted) {
      const orderNo = m.orderNo;
      later(autoClose * 1000, () => void sendNotice(orderNo, 'close', '经回访群众满意，同意办结'));
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
