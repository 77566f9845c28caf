// The long fuzz of `npm run bench` (test/bench/fuzz.ts) runs end to end with one run per property
// (FUZZ_RUNS=1, FUZZ_LONG_FACTOR=1): every surface's environment is built, fuzzed, checked and closed in turn.
// The properties themselves are tested in test/security/fuzz; this checks the script around them.
import { afterAll, describe, expect, it } from 'vitest';
import { output, runScript, stopScripts } from './script.js';

afterAll(stopScripts);

describe('the long fuzz (test/bench/fuzz.ts)', () => {
  it('goes through every surface and reports no failure', async () => {
    const r = await runScript('test/bench/fuzz.ts', {
      env: { FUZZ_RUNS: '1', FUZZ_LONG_FACTOR: '1' },
      timeoutMs: 60_000,
    });
    expect(r.code, output(r)).toBe(0);
    for (const surface of [
      'HTTP endpoints (OpenAPI)',
      "Yantai's signed endpoints",
      'CTI gateway frames',
      'socket.io consoles',
    ]) {
      expect(r.stdout).toContain(surface);
    }
    expect(r.stdout).not.toContain('✗');
    expect(r.stdout).toContain('no 5xx, no crash, no partial write');
  }, 90_000);
});
