import { readFileSync } from 'node:fs';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp, YANTAI_URL } from '../../helpers/app.js';
import { buildOrder, postSigned } from '../../helpers/yantai.js';

/*
 * docs/upstream-v1.md against what the code does: every answer Penglai's endpoints give is documented, and
 * what counts as delivered going the other way. Yantai is played here by a handler whose status and body
 * each test sets, which the shared one (helpers/yantai.ts) cannot do.
 */

const DOC = readFileSync(new URL('../../../docs/upstream-v1.md', import.meta.url), 'utf8');

let answer: () => Response = () => HttpResponse.json({ code: 0 });
const yantai = setupServer(http.post(`${YANTAI_URL}/:kind`, () => answer()));
beforeAll(() => yantai.listen({ onUnhandledRequest: 'error' }));
afterAll(() => yantai.close());

let t: TestApp;
beforeEach(async () => {
  answer = () => HttpResponse.json({ code: 0 });
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00', env: { UPSTREAM_RATE_LIMIT: '3' } });
});
afterEach(async () => t.close());

/** The statuses the "Penglai's answers" table lists, with the endpoints each applies to. */
function documentedAnswers(): Map<number, Set<string>> {
  const section = DOC.slice(DOC.indexOf("### Penglai's answers"), DOC.indexOf('## Penglai → Yantai'));
  const answers = new Map<number, Set<string>>();
  for (const [, status, endpoint] of section.matchAll(
    /^\| `(\d{3})` \| [^|]+ \| (both|orders|notices) \|/gm,
  )) {
    const endpoints = answers.get(Number(status)) ?? new Set<string>();
    for (const e of endpoint === 'both' ? ['orders', 'notices'] : [endpoint!]) endpoints.add(e);
    answers.set(Number(status), endpoints);
  }
  return answers;
}

describe('docs/upstream-v1.md, Yantai → Penglai', () => {
  it('lists every status the inbound endpoints declare, 413 and 429 included, for the right endpoint', async () => {
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, { post: { responses: Record<string, unknown> } }>;
    };
    const documented = documentedAnswers();
    for (const endpoint of ['orders', 'notices']) {
      const declared = Object.keys(openapi.paths[`/api/upstream/v1/${endpoint}`]!.post.responses).map(Number);
      expect(declared).toEqual(expect.arrayContaining([413, 429]));
      const missing = declared.filter((status) => !documented.get(status)?.has(endpoint));
      expect(missing, `${endpoint}: statuses not in the doc's table`).toEqual([]);
    }
    // Nothing documented that an endpoint does not declare, but the 500 every route may give.
    const orders = Object.keys(openapi.paths['/api/upstream/v1/orders']!.post.responses).map(Number);
    const notices = Object.keys(openapi.paths['/api/upstream/v1/notices']!.post.responses).map(Number);
    for (const [status, endpoints] of documented) {
      if (status === 500) continue;
      if (endpoints.has('orders')) expect(orders, `orders ${status}`).toContain(status);
      if (endpoints.has('notices')) expect(notices, `notices ${status}`).toContain(status);
    }
  });

  it('says Penglai answers exactly 200 and counts any 2xx with code 0 from Yantai as delivered', () => {
    expect(DOC).not.toMatch(/Success is HTTP `200`/);
    expect(DOC).toMatch(/Penglai answers a request it took with exactly HTTP `200`/);
    expect(DOC).toMatch(/\*\*Delivered\*\* means HTTP \*\*2xx\*\* \(any status from `200` to `299`/);
  });

  it('answers 429 with Retry-After past the rate limit, before the signature: nothing stored, the nonce not used', async () => {
    for (let i = 0; i < 3; i++)
      expect((await postSigned(t, '/api/upstream/v1/orders', buildOrder(t))).statusCode).toBe(200);
    const count = (table: string) =>
      (t.database.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const before = { tickets: count('tickets'), nonces: count('upstream_nonces') };
    const nonce = 'nonce-of-a-limited-request-01';
    const limited = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t), { nonce });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect({ tickets: count('tickets'), nonces: count('upstream_nonces') }).toEqual(before);
    expect(
      t.database.sqlite.prepare('select 1 from upstream_nonces where nonce = ?').get(nonce),
    ).toBeUndefined();
    // The notices endpoint is limited too, as the table says ("both").
    expect((await postSigned(t, '/api/upstream/v1/notices', {})).statusCode).toBe(429);
  });
});

describe('the nonce length (Penglai’s limit of 128 beside DESIGN §5’s minimum of 16)', () => {
  const count = () =>
    (t.database.sqlite.prepare('select count(*) as n from upstream_nonces').get() as { n: number }).n;

  it('accepts a nonce of 128 characters and uses it up', async () => {
    const nonce = 'n'.repeat(128);
    expect((await postSigned(t, '/api/upstream/v1/orders', buildOrder(t), { nonce })).statusCode).toBe(200);
    expect((await postSigned(t, '/api/upstream/v1/orders', buildOrder(t), { nonce })).statusCode).toBe(401);
    expect(count()).toBe(1);
  });

  it('answers 401 naming the limits for a nonce of 129 characters, and stores nothing', async () => {
    const res = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t), { nonce: 'n'.repeat(129) });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'X-Nonce must have 16 to 128 characters',
    });
    expect(count()).toBe(0);
    expect(t.database.sqlite.prepare('select count(*) as n from tickets').get()).toEqual({ n: 0 });
  });
});

describe('delivery to Yantai (Penglai → Yantai)', () => {
  /** Queues one receipt (an accepted order) and lets the worker try it once. */
  async function receiptAttempt() {
    const res = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t));
    const { ticketNo } = res.json() as { ticketNo: string };
    const dispatcher = client(t, await t.login('dispatcher1'));
    expect((await dispatcher.post(`/api/tickets/${ticketNo}/actions/accept`)).statusCode).toBe(200);
    await t.app.services.upstream!.worker.drain();
    return t.database.sqlite
      .prepare('select state, attempts, last_error as lastError from upstream_outbox')
      .get() as {
      state: string;
      attempts: number;
      lastError: string | null;
    };
  }

  it.each([200, 201, 202, 299])('counts %i with {"code":0} as delivered', async (status) => {
    answer = () => HttpResponse.json({ code: 0 }, { status });
    expect(await receiptAttempt()).toMatchObject({ state: 'delivered', attempts: 1 });
  });

  it.each<[string, () => Response, string]>([
    ['a 204 without a body', () => new HttpResponse(null, { status: 204 }), 'without a JSON answer'],
    ['a 200 with code 1', () => HttpResponse.json({ code: 1 }), 'answered code 1'],
    ['a 200 with code "0" (a string)', () => HttpResponse.json({ code: '0' }), 'answered code 0'],
    ['a 400 with code 0', () => HttpResponse.json({ code: 0 }, { status: 400 }), 'HTTP 400'],
  ])('counts %s as a failed attempt', async (_case, reply, error) => {
    answer = reply;
    expect(await receiptAttempt()).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: expect.stringContaining(error),
    });
  });
});
