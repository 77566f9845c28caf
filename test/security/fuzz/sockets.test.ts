import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFuzzEnv, FUZZ_RUNS, type FuzzEnv, fuzzParams, RUNS } from './harness.js';
import { emitProperty, handshakeProperty } from './sockets.js';

let env: FuzzEnv;
beforeAll(async () => {
  env = await buildFuzzEnv({ listen: true });
}, 60_000);
afterAll(async () => env.close());

describe('socket.io consoles under arbitrary handshakes and events', () => {
  it('connects a valid session whatever else comes with it, refuses the rest with no data', async () => {
    await fc.assert(handshakeProperty(env), fuzzParams(FUZZ_RUNS * RUNS.handshakes));
  }, 60_000);

  it('survives any event name and payload: nothing written, no crash, ping still answered', async () => {
    await fc.assert(emitProperty(env), fuzzParams(FUZZ_RUNS * RUNS.emits));
  }, 60_000);

  it('is still healthy afterwards', async () => {
    expect((await env.t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(env.crashes).toEqual([]);
  });
});
