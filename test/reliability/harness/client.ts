// A small HTTP client of the hotline for the harness: Yantai-signed orders, logins, ticket actions.
import { randomBytes } from 'node:crypto';
import { signedHeaders } from '../../../server/upstream/upstream.signature.js';
import { yantaiOrder } from '../../helpers/order.js';

/** The request never got an answer (refused, reset, timed out): it may or may not have been committed. */
export class NoAnswer extends Error {}

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export const DEMO_PASSWORD = 'demo12345';

/** Talks to one server; every call either answers (any status) or throws NoAnswer. */
export function hotlineClient(baseUrl: string, secret: string, timeoutMs = 15_000) {
  async function request<T>(
    method: 'GET' | 'POST',
    path: string,
    opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...opts.headers,
        },
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      throw new NoAnswer(err instanceof Error ? err.message : String(err));
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body: body as T };
  }

  return {
    request,
    async login(username: string, password = DEMO_PASSWORD): Promise<string> {
      const res = await request<{ token?: string }>('POST', '/api/auth/login', {
        body: { username, password },
      });
      if (res.status !== 200 || !res.body.token) throw new Error(`login ${username}: ${res.status}`);
      return res.body.token;
    },
    /** POSTs an order signed as Yantai signs it (fresh nonce every time). */
    postOrder(order: Record<string, unknown>) {
      const raw = JSON.stringify(order);
      return request<{ code?: number; ticketNo?: string }>('POST', '/api/upstream/v1/orders', {
        raw,
        headers: signedHeaders(secret, raw, Date.now()),
      });
    },
    act(token: string, no: string, action: string, body: unknown = {}) {
      return request<{ status?: string }>('POST', `/api/tickets/${no}/actions/${action}`, { token, body });
    },
    ticket(token: string, no: string) {
      return request<TicketView>('GET', `/api/tickets/${no}`, { token });
    },
    health() {
      return request<{ status?: string }>('GET', '/api/health');
    },
  };
}

export type HotlineClient = ReturnType<typeof hotlineClient>;

export interface TicketView {
  no: string;
  status: string;
  upstreamOrderNo?: string | null;
  events?: { seq: number; action: string; note?: string | null }[];
}

/** A valid Yantai order with the given orderNo, due in ten days. */
export function orderBody(orderNo: string): Record<string, unknown> {
  return yantaiOrder(Date.now(), { orderNo, messageId: `m-${orderNo}-${randomBytes(4).toString('hex')}` });
}
