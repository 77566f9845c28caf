// The long fuzz: the properties of test/security/fuzz/*.test.ts with many more runs (20× by default).
//   npx tsx test/bench/fuzz.ts              FUZZ_LONG_FACTOR=50 npx tsx test/bench/fuzz.ts
// Prints the inputs tried per surface (and how many the server accepted), the total, and any failure
// with the seed to replay it (`FUZZ_SEED=… npx vitest run test/security/fuzz`). Exits 1 on a failure.
import fc from 'fast-check';
import {
  CTI_ENV,
  frameSequenceProperty,
  gatewayFor,
  hugeFrameCheck,
  invalidFrameProperty,
} from '../security/fuzz/cti.js';
import { buildFuzzEnv, FUZZ_RUNS, type FuzzEnv, fuzzParams, RUNS } from '../security/fuzz/harness.js';
import { loadOperations, operationProperty, PLANS, rawBodyProperty } from '../security/fuzz/operations.js';
import { emitProperty, handshakeProperty } from '../security/fuzz/sockets.js';
import { signedNoticeProperty, signedOrderProperty, signedRawProperty } from '../security/fuzz/upstream.js';

const FACTOR = Number(process.env.FUZZ_LONG_FACTOR ?? 20);
const base = FUZZ_RUNS * FACTOR;
const failures: string[] = [];
const tried = new Map<string, number>();
const accepted = new Map<string, number>();

async function check<T>(name: string, property: fc.IAsyncProperty<T>, runs: number): Promise<void> {
  const started = Date.now();
  const details = await fc.check(property, fuzzParams(runs));
  const ms = Date.now() - started;
  if (details.failed) {
    const error =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const message = `${name}: seed ${details.seed}, path "${details.counterexamplePath}"\n${error.slice(0, 2000)}`;
    failures.push(message);
    console.log(`  ✗ ${name} (${details.numRuns} runs, ${ms} ms)\n${message.slice(0, 4000)}`);
  } else {
    console.log(`  ✓ ${name} (${details.numRuns} runs, ${ms} ms)`);
  }
}

async function withEnv(
  title: string,
  opts: Parameters<typeof buildFuzzEnv>[0],
  body: (env: FuzzEnv) => Promise<void>,
) {
  console.log(`${title}`);
  const env = await buildFuzzEnv(opts);
  try {
    await body(env);
    const health = await env.t.app.inject({ method: 'GET', url: '/api/health' });
    if (health.statusCode !== 200) failures.push(`${title}: health answered ${health.statusCode} at the end`);
    if (env.crashes.length) failures.push(`${title}: crash: ${String(env.crashes[0])}`);
  } finally {
    for (const [k, v] of env.tried) tried.set(k, (tried.get(k) ?? 0) + v);
    for (const [k, v] of env.accepted) accepted.set(k, (accepted.get(k) ?? 0) + v);
    await env.close();
  }
}

const started = Date.now();
console.log(
  `fuzz: FUZZ_RUNS=${FUZZ_RUNS} × ${FACTOR}${process.env.FUZZ_SEED ? `, seed ${process.env.FUZZ_SEED}` : ''}`,
);

await withEnv('HTTP endpoints (OpenAPI)', {}, async (env) => {
  const ops = await loadOperations(env);
  const unplanned = ops.filter((o) => !PLANS[o.key]).map((o) => o.key);
  if (unplanned.length) failures.push(`operations without a fuzz plan: ${unplanned.join(', ')}`);
  let slowest = { key: '', ms: 0 };
  for (const op of ops) {
    if (!PLANS[op.key]) continue;
    const t0 = Date.now();
    const details = await fc.check(operationProperty(env, op), fuzzParams(base * RUNS.operation));
    if (details.failed) {
      const error =
        details.errorInstance instanceof Error
          ? details.errorInstance.message
          : String(details.errorInstance);
      failures.push(
        `${op.key}: seed ${details.seed}, path "${details.counterexamplePath}"\n${error.slice(0, 2000)}`,
      );
    }
    if (Date.now() - t0 > slowest.ms) slowest = { key: op.key, ms: Date.now() - t0 };
  }
  console.log(
    `  ${failures.length ? '✗' : '✓'} ${ops.length} operations × ${base * RUNS.operation} runs (slowest ${slowest.key}, ${slowest.ms} ms)`,
  );
  await check('raw bodies and content types', rawBodyProperty(env, ops), base * RUNS.rawBodies);
});

await withEnv("Yantai's signed endpoints", {}, async (env) => {
  await check('signed orders', signedOrderProperty(env), base * RUNS.signedOrders);
  await check('signed notices', signedNoticeProperty(env), base * RUNS.signedNotices);
  await check('signed raw bodies and replays', signedRawProperty(env), base * RUNS.signedRaw);
});

await withEnv('CTI gateway frames', { listen: true, env: CTI_ENV }, async (env) => {
  const gateway = await gatewayFor(env);
  try {
    await check(
      'invalid frames',
      invalidFrameProperty(env, () => gateway),
      base * RUNS.invalidFrames,
    );
    await check(
      'valid frames in any order',
      frameSequenceProperty(env, () => gateway),
      base * RUNS.frameSequences,
    );
    await hugeFrameCheck(env).catch((err: unknown) => failures.push(`huge frame: ${String(err)}`));
  } finally {
    gateway.close();
  }
});

await withEnv('socket.io consoles', { listen: true }, async (env) => {
  await check('handshakes', handshakeProperty(env), base * RUNS.handshakes);
  await check('event names and payloads', emitProperty(env), base * RUNS.emits);
});

const http = [...tried].filter(([k]) => k.startsWith('http ') && k !== 'http raw bodies');
const rows: [string, number, number][] = [
  [
    `HTTP: ${http.length} operations`,
    http.reduce((n, [, v]) => n + v, 0),
    http.reduce((n, [k]) => n + (accepted.get(k) ?? 0), 0),
  ],
  ...[...tried]
    .filter(([k]) => !k.startsWith('http ') || k === 'http raw bodies')
    .map(([k, v]): [string, number, number] => [k, v, accepted.get(k) ?? 0]),
];
console.log(
  '\ninputs tried per surface (accepted = answered 2xx; the rest were refused with nothing written):',
);
for (const [name, n, ok] of rows)
  console.log(`  ${name.padEnd(34)} ${String(n).padStart(7)}   accepted ${ok}`);
const total = rows.reduce((n, [, v]) => n + v, 0);
console.log(
  `  ${'total'.padEnd(34)} ${String(total).padStart(7)}   in ${Math.round((Date.now() - started) / 1000)} s`,
);
if (failures.length) {
  console.log(`\n${failures.length} failure(s):\n${failures.map((f) => `- ${f.slice(0, 3000)}`).join('\n')}`);
  process.exit(1);
}
console.log('\nno 5xx, no crash, no partial write');
process.exit(0);
