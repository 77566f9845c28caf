// A Yantai platform stub: a real HTTP server on 127.0.0.1 that checks every signature, records every
// message by messageId and orderNo, and misbehaves on demand (slow, 500, connection reset, malformed JSON,
// `{"code":1}`), for every message or only for chosen orders.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkSignature } from '../../../server/upstream/upstream.signature.js';

export const STUB_MODES = ['ok', 'slow', 'http500', 'reset', 'malformed', 'code1'] as const;
export type StubMode = (typeof STUB_MODES)[number];

export type Outcome =
  | 'acked'
  | 'slow-acked'
  | 'slow-aborted'
  | 'http500'
  | 'reset'
  | 'malformed'
  | 'code1'
  | 'bad-signature';

/** One request the stub received. `n` and `ackN` come from one counter, so they order arrivals and acks. */
export interface StubRequest {
  n: number;
  at: number;
  path: string;
  messageId: string;
  orderNo: string;
  outcome: Outcome;
  /** Counter value when `{"code":0}` was written, for acked requests. */
  ackN?: number;
}

export interface YantaiStub {
  url: string;
  requests: StubRequest[];
  mode: StubMode;
  setMode(mode: StubMode): void;
  /** Orders answered `{"code":1}` whatever the mode (a message that must dead-letter). */
  failOrders: Set<string>;
  /** Distinct messageIds answered `{"code":0}`. */
  ackedIds(): Set<string>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts the stub on a free loopback port. `slowMs`: how long a slow answer takes. */
export async function startYantaiStub(opts: { secret: string; slowMs: number }): Promise<YantaiStub> {
  const requests: StubRequest[] = [];
  const failOrders = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let counter = 0;
  let mode: StubMode = 'ok';

  const answer = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const n = ++counter;
      let parsed: { messageId?: unknown; orderNo?: unknown } = {};
      try {
        parsed = JSON.parse(raw.toString('utf8')) as typeof parsed;
      } catch {
        // recorded with empty ids; the signature check below refuses it anyway if it was tampered with
      }
      const record: StubRequest = {
        n,
        at: Date.now(),
        path: req.url ?? '',
        messageId: String(parsed.messageId ?? ''),
        orderNo: String(parsed.orderNo ?? ''),
        outcome: 'acked',
      };
      requests.push(record);
      const check = checkSignature({
        secret: opts.secret,
        headers: req.headers,
        body: raw,
        now: Date.now(),
      });
      if (!check.ok) {
        record.outcome = 'bad-signature';
        answer(res, 401, JSON.stringify({ code: 401, message: check.reason }));
        return;
      }
      const now = failOrders.has(record.orderNo) ? 'code1' : mode;
      const ack = () => {
        record.ackN = ++counter;
        answer(res, 200, JSON.stringify({ code: 0 }));
      };
      switch (now) {
        case 'ok':
          ack();
          return;
        case 'slow': {
          record.outcome = 'slow-aborted';
          let closed = false;
          res.once('close', () => {
            if (!res.writableFinished) closed = true;
          });
          const timer = setTimeout(() => {
            timers.delete(timer);
            if (closed || res.destroyed) {
              record.outcome = 'slow-aborted';
              return;
            }
            record.outcome = 'slow-acked';
            ack();
          }, opts.slowMs);
          timers.add(timer);
          return;
        }
        case 'http500':
          record.outcome = 'http500';
          answer(res, 500, JSON.stringify({ code: 500, message: 'internal error' }));
          return;
        case 'reset':
          record.outcome = 'reset';
          req.socket.destroy();
          return;
        case 'malformed':
          record.outcome = 'malformed';
          answer(res, 200, '{"code":0,"message":"ok"');
          return;
        case 'code1':
          record.outcome = 'code1';
          answer(res, 200, JSON.stringify({ code: 1, message: 'rejected' }));
          return;
      }
    })().catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failOrders,
    get mode() {
      return mode;
    },
    setMode(m: StubMode) {
      mode = m;
    },
    ackedIds() {
      return new Set(requests.filter((r) => r.ackN !== undefined).map((r) => r.messageId));
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/** Counts of what the stub saw: requests, distinct messages acknowledged, re-deliveries, per outcome. */
export function stubSummary(requests: StubRequest[]) {
  const byOutcome: Partial<Record<Outcome, number>> = {};
  const acks = new Map<string, number>();
  for (const r of requests) {
    byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
    if (r.ackN !== undefined) acks.set(r.messageId, (acks.get(r.messageId) ?? 0) + 1);
  }
  let redeliveries = 0;
  for (const n of acks.values()) redeliveries += n - 1;
  return {
    requests: requests.length,
    messagesAcked: acks.size,
    redeliveries,
    failedAttempts: requests.filter((r) => r.ackN === undefined).length,
    byOutcome,
  };
}
