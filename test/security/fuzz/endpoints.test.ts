import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFuzzEnv, FUZZ_RUNS, type FuzzEnv, fuzzParams, RUNS } from './harness.js';
import { loadOperations, type Operation, operationProperty, PLANS, rawBodyProperty } from './operations.js';

let env: FuzzEnv;
let ops: Operation[];

beforeAll(async () => {
  env = await buildFuzzEnv();
  ops = await loadOperations(env);
}, 60_000);
afterAll(async () => env.close());

describe('every documented operation under arbitrary input', () => {
  it('has a fuzz plan for every operation of the OpenAPI document, and no plan for one that is gone', () => {
    const documented = ops.map((o) => o.key).sort();
    expect(
      documented.filter((k) => !PLANS[k]),
      'operations without a fuzz plan',
    ).toEqual([]);
    expect(
      Object.keys(PLANS).filter((k) => !documented.includes(k)),
      'plans for no operation',
    ).toEqual([]);
    expect(documented.length).toBeGreaterThan(30);
  });

  it('never answers 5xx, always answers the documented error shape, and writes nothing when it refuses', async () => {
    for (const op of ops) {
      if (!PLANS[op.key]) continue;
      await fc.assert(operationProperty(env, op), fuzzParams(FUZZ_RUNS * RUNS.operation));
    }
    const untried = ops.filter((o) => !env.tried.get(`http ${o.key}`)).map((o) => o.key);
    expect(untried, 'operations the fuzz never reached').toEqual([]);
  }, 120_000);

  it('refuses malformed JSON and wrong content types with a 4xx and writes nothing', async () => {
    await fc.assert(rawBodyProperty(env, ops), fuzzParams(FUZZ_RUNS * RUNS.rawBodies));
  }, 60_000);

  it('is still healthy afterwards', async () => {
    expect((await env.t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(env.crashes).toEqual([]);
  });
});
