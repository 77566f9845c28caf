import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrash } from './harness/scenarios.js';

// Short version of test/bench/crash.ts: two kill -9 at random moments within 9 s of server uptime under load.
describe('crash: kill -9 under load, restart on the same file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-crash-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged order and action exactly once, a gap-free seq, and delivers every message once per messageId, in order', async () => {
    const r = await runCrash({ dir, kills: 2, loadMs: 9_000, pipelines: 4, drainTimeoutMs: 60_000 });
    console.log(
      `crash (short): ${r.kills} kills at ${r.killedAtMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s; ` +
        `${JSON.stringify(r.counts)}; no answer ${r.driver.noAnswer}; drained in ${r.drainMs} ms; ${r.seconds.toFixed(0)} s`,
    );
    expect(r.problems).toEqual([]);
    expect(r.kills).toBe(2);
    const c = r.counts;
    expect(c.ordersAcked).toBeGreaterThan(0);
    expect(c.actionsAcked).toBeGreaterThan(0);
    expect(c.ordersPresentOnce).toBe(c.ordersAcked);
    expect(c.actionsPresentOnce).toBe(c.actionsAcked);
    expect(c.seqGaps).toBe(0);
    expect(c.maxSeq).toBe(c.events);
    expect(c.outboxMessages).toBeGreaterThan(0);
    expect(c.messagesAcked).toBe(c.outboxMessages);
    expect(c.orderViolations).toBe(0);
    expect(c.integrity).toBe('ok');
  }, 180_000);
});
