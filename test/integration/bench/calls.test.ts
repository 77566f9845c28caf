// The calls benchmark of `npm run bench` (test/bench/calls.ts) runs end to end with 40 calls, 8 at a time: the
// app with its agents (calls-server.ts) over a real `/cti` socket, and the bare websocket echo (echo-server.ts).
// Every call must go IVR → queue → bridge → survey → end (the script waits for each command: a missing one
// would hang it, caught by the timeout); no timing is asserted here.
import { afterAll, describe, expect, it } from 'vitest';
import { output, runScript, stopScripts } from './script.js';

afterAll(stopScripts);

describe('the calls benchmark (test/bench/calls.ts)', () => {
  it('takes every call through IVR, queue, bridge and survey, and echoes as many round trips', async () => {
    const r = await runScript('test/bench/calls.ts', {
      env: { BENCH_CALLS: '40', BENCH_CALLS_CONCURRENT: '8' },
      timeoutMs: 60_000,
    });
    expect(r.code, output(r)).toBe(0);
    expect(r.stdout).toContain('calls: 40 calls, 8 at a time, 250 agents; 4 command round trips per call');
    expect(r.stdout).toMatch(/bare websocket echo \(baseline\) .*\(160 round trips\)/);
    expect(r.stdout).toMatch(/IVR → queue → bridge → survey .*\(160 round trips\)/);
  }, 90_000);
});
