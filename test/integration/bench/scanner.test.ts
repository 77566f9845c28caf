// The deadline scanner benchmark of `npm run bench` (test/bench/scanner.ts) runs end to end on 10,000
// assignments instead of 1,000,000 (fewer would move the passes' bookmarks past the due cards' next deadline).
// The script itself fails when a pass does not raise what was due; no timing is asserted here.
import { afterAll, describe, expect, it } from 'vitest';
import { output, runScript, stopScripts } from './script.js';

afterAll(stopScripts);

describe('the deadline scanner benchmark (test/bench/scanner.ts)', () => {
  it('fills the database and its passes raise exactly the cards that were due', async () => {
    const r = await runScript('test/bench/scanner.ts', {
      env: { BENCH_SCAN_ASSIGNMENTS: '10000' },
      timeoutMs: 60_000,
    });
    expect(r.code, output(r)).toBe(0);
    expect(r.stdout).toContain('deadline scanner: 10,000 open assignments');
    expect(r.stdout).toMatch(/pass, 100 due, cold start .* 100 cards raised/);
    expect(r.stdout).toMatch(/pass, 100 due, warm .* 100 cards raised/);
    expect(r.stdout).toMatch(/pass, nothing due .* 0 cards raised/);
    expect(r.stderr).not.toContain('not valid');
  }, 90_000);
});
