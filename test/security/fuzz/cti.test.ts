import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { connectGateway } from '../../helpers/gateway.js';
import {
  CTI_ENV,
  CTI_TOKEN,
  frameSequenceProperty,
  gatewayFor,
  hugeFrameCheck,
  invalidFrameProperty,
} from './cti.js';
import { buildFuzzEnv, FUZZ_RUNS, type FuzzEnv, fuzzParams, RUNS } from './harness.js';

let env: FuzzEnv;
let gateway: Awaited<ReturnType<typeof connectGateway>>;
beforeAll(async () => {
  env = await buildFuzzEnv({ listen: true, env: CTI_ENV });
  gateway = await gatewayFor(env);
}, 60_000);
afterAll(async () => {
  gateway?.close();
  await env.close();
});

describe('the CTI gateway connection under arbitrary frames', () => {
  it('answers every invalid frame with one error frame, stays open and writes nothing', async () => {
    await fc.assert(
      invalidFrameProperty(env, () => gateway),
      fuzzParams(FUZZ_RUNS * RUNS.invalidFrames),
    );
  }, 60_000);

  it('takes valid frames in any order, about unknown calls and agents, without a failure or a crash', async () => {
    await fc.assert(
      frameSequenceProperty(env, () => gateway),
      fuzzParams(FUZZ_RUNS * RUNS.frameSequences),
    );
  }, 60_000);

  it('closes only the one connection that sends a frame over the limit, and takes the gateway back', async () => {
    await hugeFrameCheck(env);
  });

  it('is still healthy afterwards', async () => {
    expect((await env.t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(env.crashes).toEqual([]);
    expect(CTI_TOKEN).toBeTruthy();
  });
});
