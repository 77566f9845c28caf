// The realtime push benchmark of `npm run bench` (test/bench/realtime.ts) runs end to end on the smallest load
// its environment allows: the app (app-server.ts) and the bare socket.io baseline (realtime-bare.ts), 60
// consoles in their own process (realtime-clients.ts), 4 actions in one second (realtime-drive.ts). The script
// itself fails on a failed send or a missing delivery; no timing is asserted here (figures belong to test/bench/).
import { afterAll, describe, expect, it } from 'vitest';
import { output, runScript, stopScripts } from './script.js';

afterAll(stopScripts);

describe('the realtime benchmark (test/bench/realtime.ts)', () => {
  it('pushes every action to every console it concerns, from the app and from the bare server', async () => {
    const r = await runScript('test/bench/realtime.ts', {
      env: {
        BENCH_RT_RATE: '4',
        BENCH_RT_SECONDS: '1',
        BENCH_RT_TICKETS: '100',
        BENCH_RT_CONSOLES: '60',
      },
      timeoutMs: 60_000,
    });
    expect(r.code, output(r)).toBe(0);
    expect(r.stdout).toContain('realtime push: 60 consoles (54 department, 3 dispatcher, 3 supervisor)');
    for (const name of ['app (API + commit)', 'bare socket.io (baseline)']) {
      const line = r.stdout.split('\n').find((l) => l.startsWith(name));
      const m = / (\d+) of (\d+) delivered .*\((\d+) failed sends,.* (\d+) disconnects\)/.exec(line ?? '');
      expect(m, `${name}\n${output(r)}`).not.toBeNull();
      const [, delivered, expected, failed, disconnects] = m!.map(Number);
      expect(expected).toBeGreaterThan(0);
      expect(delivered).toBe(expected);
      expect(failed).toBe(0);
      expect(disconnects).toBe(0);
    }
  }, 90_000);
});
