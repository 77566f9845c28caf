// Upstream-faults benchmark (issue 7, part 2, long version): load on the real server while the Yantai stub
// answers in 10 s (against the default 10 s timeout), with 500s, resets, malformed JSON and `{"code":1}`;
// then a dead letter and its retry by hand. Prints deliveries, retries, dead letters and /api/health
// p50/p99 under that load. Loopback only; stops by itself in a few minutes.
//   npx tsx test/bench/faults.ts [--seconds-per-fault 20] [--pipelines 8]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runFaults } from '../reliability/harness/scenarios.js';
import { STUB_MODES } from '../reliability/harness/stub.js';

const { values } = parseArgs({
  options: {
    'seconds-per-fault': { type: 'string', default: '20' },
    pipelines: { type: 'string', default: '8' },
    keep: { type: 'boolean', default: false },
  },
});
const modeMs = Number(values['seconds-per-fault']) * 1000;
const dir = mkdtempSync(join(tmpdir(), 'hotline-faults-'));
const log = (line: string) => process.stdout.write(`  ${line}\n`);
const modes = STUB_MODES.filter((m) => m !== 'ok');
process.stdout.write(
  `faults: ${modes.join(', ')} for ${modeMs / 1000} s each (slow = 10 s answers, UPSTREAM_TIMEOUT_MS 10000), ` +
    `retry base 1 s cap 10 s, ${values.pipelines} orders in flight (${dir})\n`,
);
try {
  const r = await runFaults({
    dir,
    modes,
    modeMs,
    okGapMs: 3_000,
    slowMs: 10_000,
    timeoutMs: 10_000,
    retry: { baseMs: 1_000, capMs: 10_000 },
    pipelines: Number(values.pipelines),
    drainTimeoutMs: 120_000,
    log,
  });
  const c = r.counts;
  const h = r.driver.health;
  const d = r.deadLetter;
  const lines = [
    '',
    `orders / actions acknowledged   ${c.ordersAcked} / ${c.actionsAcked} (present exactly once: ${c.ordersPresentOnce} / ${c.actionsPresentOnce})`,
    `outbox messages                 ${c.outboxMessages}, delivered ${c.outboxDelivered}, dead ${c.outboxDead}, waiting ${c.outboxWaiting}`,
    `attempts at Yantai              ${r.stub.requests}: ${JSON.stringify(r.stub.byOutcome)}`,
    `  failed attempts (retried)     ${r.stub.failedAttempts}`,
    `  distinct messages delivered   ${r.stub.messagesAcked}; acknowledged twice ${r.stub.redeliveries} (same messageId)`,
    `  order violations              ${c.orderViolations}; bad signatures ${c.badSignatures}`,
    ...Object.entries(r.byMode).map(
      ([mode, s]) =>
        `  during ${mode.padEnd(10)}           ${s.requests} attempts: ${JSON.stringify(s.byOutcome)}`,
    ),
    `outbox drained after the load   ${(r.drainMs / 1000).toFixed(1)} s`,
    `dead letter (budget 3)          ${d.attemptsBeforeDead} attempts, listed ${d.listedAsDead}, later message held back ${d.laterHeldBack}, retry ${d.retryStatus}, delivered ${d.deliveredAfterRetry}, in order ${d.inOrderAfterRetry}`,
    `/api/health under load          ${h.count} probes, p50 ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms, max ${h.max.toFixed(1)} ms, errors ${h.errors}`,
    `integrity_check                 ${c.integrity}`,
    `problems                        ${r.problems.length === 0 ? 'none' : ''}`,
    ...r.problems.slice(0, 30).map((p) => `  - ${p}`),
    `total                           ${r.seconds.toFixed(0)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = r.problems.length === 0 ? 0 : 1;
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
