import { randomBytes } from 'node:crypto';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { toIso } from '../../server/core/clock.js';
import { checkSignature, signatureOf } from '../../server/upstream/upstream.signature.js';
import type { TestApp } from './app.js';
import { YANTAI_SECRET, YANTAI_URL } from './app.js';
import { yantaiOrder } from './order.js';

export interface Received {
  path: string;
  body: Record<string, unknown>;
  validSignature: boolean;
}

export type YantaiMode = 'ok' | 'down' | 'timeout' | 'code1' | 'slow';

/**
 * Plays the Yantai platform with msw: records every message we send it, checks its signature, and
 * answers as the current mode says. Any other outbound request fails the test.
 */
export function createYantai() {
  const received: Received[] = [];
  let mode: YantaiMode = 'ok';
  /** Orders whose messages Yantai sits on until the test lets go. */
  const held = new Map<string, Promise<void>>();
  const server = setupServer(
    http.post(`${YANTAI_URL}/:kind`, async ({ request, params }) => {
      const raw = Buffer.from(await request.arrayBuffer());
      const headers = Object.fromEntries(request.headers.entries());
      const check = checkSignature({
        secret: YANTAI_SECRET,
        headers,
        body: raw,
        now: Date.now(),
        windowMs: 10 * 365 * 86_400_000,
      });
      if (mode === 'down') return HttpResponse.json({ code: 503, message: 'maintenance' }, { status: 503 });
      if (mode === 'timeout') {
        await delay(2_000);
        return HttpResponse.json({ code: 0 });
      }
      if (mode === 'slow') await delay(100);
      const orderNo = (JSON.parse(raw.toString('utf8')) as { orderNo?: string }).orderNo;
      if (orderNo && held.has(orderNo)) await held.get(orderNo);
      received.push({
        path: `/${String(params.kind)}`,
        body: JSON.parse(raw.toString('utf8')),
        validSignature: check.ok,
      });
      if (mode === 'code1') return HttpResponse.json({ code: 1, message: 'rejected' });
      return HttpResponse.json({ code: 0 });
    }),
  );
  return {
    received,
    setMode(m: YantaiMode) {
      mode = m;
    },
    /** Answers nothing about `orderNo` until the returned function is called. */
    hold(orderNo: string): () => void {
      let release!: () => void;
      held.set(
        orderNo,
        new Promise<void>((r) => {
          release = r;
        }),
      );
      return () => {
        held.delete(orderNo);
        release();
      };
    },
    listen: () => server.listen({ onUnhandledRequest: 'error' }),
    reset: () => {
      received.length = 0;
      held.clear();
      mode = 'ok';
    },
    close: () => server.close(),
  };
}

let n = 0;

/** A valid order body from Yantai around the test clock (test/helpers/order.ts), with a fresh orderNo and messageId. */
export function buildOrder(t: TestApp, overrides: Record<string, unknown> = {}) {
  n += 1;
  const now = t.clock.now();
  return yantaiOrder(
    now,
    {
      messageId: `m-order-${n}-${randomBytes(4).toString('hex')}`,
      orderNo: `YT${String(now).slice(-8)}${String(n).padStart(4, '0')}`,
    },
    overrides,
  );
}

/** A notice body from Yantai. */
export function buildNotice(
  t: TestApp,
  orderNo: string,
  kind: string,
  overrides: Record<string, unknown> = {},
) {
  n += 1;
  return {
    messageId: `m-notice-${n}-${randomBytes(4).toString('hex')}`,
    orderNo,
    kind,
    reason: '市平台通知',
    at: toIso(t.clock.now()),
    ...overrides,
  };
}

/** POSTs a JSON body signed as Yantai signs it; options tamper with one part to test refusals. */
export function postSigned(
  t: TestApp,
  path: string,
  body: unknown,
  opts: {
    secret?: string;
    timestamp?: number;
    nonce?: string;
    rawBody?: string;
    omit?: 'x-signature' | 'x-nonce' | 'x-timestamp';
    contentType?: string;
  } = {},
) {
  const raw = opts.rawBody ?? JSON.stringify(body);
  const timestamp = String(opts.timestamp ?? t.clock.now());
  const nonce = opts.nonce ?? randomBytes(12).toString('hex');
  const headers: Record<string, string> = {
    'content-type': opts.contentType ?? 'application/json',
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': signatureOf(opts.secret ?? YANTAI_SECRET, timestamp, nonce, JSON.stringify(body)),
  };
  if (opts.omit) delete headers[opts.omit];
  return t.app.inject({ method: 'POST', url: path, headers, payload: raw });
}
