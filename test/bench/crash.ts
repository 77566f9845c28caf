// Crash benchmark (issue 7, part 1, long version): the real server on a file database under signed orders
// and ticket actions from a separate driver process, `kill -9` at random moments and restarted; then every
// invariant is checked and the figures printed. Loopback only; stops by itself in a few minutes.
//   npx tsx test/bench/crash.ts [--kills 6] [--seconds 90] [--pipelines 12]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runCrash } from '../reliability/harness/scenarios.js';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '90' },
    pipelines: { type: 'string', default: '12' },
    keep: { type: 'boolean', default: false },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'hotline-crash-'));
const log = (line: string) => process.stdout.write(`  ${line}\n`);
process.stdout.write(
  `crash: ${values.kills} × kill -9 over ${values.seconds} s, ${values.pipelines} orders in flight (${dir})\n`,
);
try {
  const r = await runCrash({
    dir,
    kills: Number(values.kills),
    loadMs: Number(values.seconds) * 1000,
    pipelines: Number(values.pipelines),
    log,
  });
  const c = r.counts;
  const lines = [
    '',
    `kill -9                         ${r.kills} (at ${r.killedAtMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s; restarts ${r.restartMs.join(', ')} ms)`,
    `orders acknowledged             ${c.ordersAcked}, present exactly once ${c.ordersPresentOnce}`,
    `actions acknowledged            ${c.actionsAcked}, present exactly once ${c.actionsPresentOnce}`,
    `requests without an answer      ${r.driver.noAnswer} (in flight at a kill or while down)`,
    `events / max seq / gaps         ${c.events} / ${c.maxSeq} / ${c.seqGaps}`,
    `outbox messages                 ${c.outboxMessages}, delivered ${c.outboxDelivered}, dead ${c.outboxDead}, waiting ${c.outboxWaiting}`,
    `Yantai stub                     ${c.stubRequests} requests, ${c.messagesAcked} distinct messageIds acknowledged`,
    `  re-sent after a kill          ${c.redeliveries} (same messageId, counted once)`,
    `  order violations              ${c.orderViolations}; bad signatures ${c.badSignatures}`,
    `outbox drained after the load   ${(r.drainMs / 1000).toFixed(1)} s`,
    `integrity_check                 ${c.integrity}`,
    `problems                        ${r.problems.length === 0 ? 'none' : ''}`,
    ...r.problems.slice(0, 30).map((p) => `  - ${p}`),
    `total                           ${r.seconds.toFixed(0)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exitCode = r.problems.length === 0 && r.kills >= Number(values.kills) ? 0 : 1;
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
