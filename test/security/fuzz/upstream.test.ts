import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFuzzEnv, FUZZ_RUNS, type FuzzEnv, fuzzParams, RUNS } from './harness.js';
import { signedNoticeProperty, signedOrderProperty, signedRawProperty } from './upstream.js';

let env: FuzzEnv;
beforeAll(async () => {
  env = await buildFuzzEnv();
}, 60_000);
afterAll(async () => env.close());

describe("Yantai's signed endpoints under arbitrary bodies with valid signatures", () => {
  it('orders: never 5xx, the documented error shape, nothing stored when refused', async () => {
    await fc.assert(signedOrderProperty(env), fuzzParams(FUZZ_RUNS * RUNS.signedOrders));
  }, 60_000);

  it('notices: never 5xx, the documented error shape, nothing stored when refused', async () => {
    await fc.assert(signedNoticeProperty(env), fuzzParams(FUZZ_RUNS * RUNS.signedNotices));
  }, 60_000);

  it('raw bytes, wrong content types and replayed nonces: refused, nothing stored', async () => {
    await fc.assert(signedRawProperty(env), fuzzParams(FUZZ_RUNS * RUNS.signedRaw));
  }, 60_000);

  it('is still healthy afterwards', async () => {
    expect((await env.t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
