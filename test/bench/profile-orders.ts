// `npx tsx test/bench/profile-orders.ts [--cpu-prof | --tree]`: where a signed Yantai order's time goes. Starts the real
// app (test/bench/app-server.ts) in a child process, warms it up, sends ORDERS new signed orders at 64 in
// flight, and prints the server's CPU per order, by thread (NODE_FLAGS: flags for the server's node). With --cpu-prof the child runs under V8's
// profiler and the functions that took the most time during the measured run are printed (self time, then
// with what they call), from the .cpuprofile written to PROFILE_DIR (default: a temporary directory); --tree
// also prints the top-down call tree. It also prints the load generator's CPU per order, the machine's CPU split and the
// bytes the server writes per order.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { runLoad } from './load.js';
import { cpuMs, signedOrders, threadCpuMs } from './orders.js';

const ORDERS = Number(process.env.ORDERS ?? 8000);
const IN_FLIGHT = Number(process.env.BENCH_ORDER_CONCURRENCY ?? 64);
const profile = process.argv.includes('--cpu-prof') || process.argv.includes('--tree');
const dir = process.env.PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'order-profile-'));

const child = spawn(
  process.execPath,
  [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []),
    ...(process.env.NODE_FLAGS ?? '').split(' ').filter(Boolean),
    '--import',
    'tsx',
    'test/bench/app-server.ts',
  ],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_TICKETS: process.env.BENCH_TICKETS ?? '2000', BENCH_FRESH: '10' },
  },
);
const { port } = await new Promise<{ port: number }>((resolve, reject) => {
  // The first line that is JSON (node flags such as --trace-gc may print before it).
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    if (line.startsWith('{')) resolve(JSON.parse(line));
    else if (process.env.SHOW_CHILD_STDOUT) console.log(`  | ${line}`);
  });
  child.once('exit', (code) => reject(new Error(`app-server exited with ${code}`)));
});

await runLoad(port, signedOrders(2000), IN_FLIGHT);
const orders = signedOrders(ORDERS);
const threads0 = threadCpuMs(child.pid);
const cpu0 = cpuMs(child.pid);
const from = process.hrtime.bigint() / 1000n;
const io0 = processIo(child.pid);
const machine0 = machineCpu();
const generator0 = process.cpuUsage();
const result = await runLoad(port, orders, IN_FLIGHT);
const generator = process.cpuUsage(generator0);
const io1 = processIo(child.pid);
const machine = machineCpu().map((v, i) => v - machine0[i]!);
const to = process.hrtime.bigint() / 1000n;
const cpu1 = cpuMs(child.pid);
const threads1 = threadCpuMs(child.pid);

const perOrder = (ms: number) => `${((ms / result.count) * 1000).toFixed(1)} µs`;
console.log(
  `${result.count} orders, ${IN_FLIGHT} in flight: ${result.perSecond.toFixed(0)} orders/s, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors`,
);
console.log(
  `load generator (this process) CPU per order: ${perOrder((generator.user + generator.system) / 1000)}`,
);
// Both cores are shared by the server, this load generator and the kernel's own work for the disk.
const ticks = machine.reduce((a, b) => a + b, 0);
const share = (i: number) => `${((machine[i]! / ticks) * 100).toFixed(0)} %`;
console.log(
  `machine CPU: user ${share(0)}, system ${share(2)}, idle ${share(3)}, iowait ${share(4)}, softirq ${share(6)}`,
);
console.log(
  `server writes per order: ${((io1.wchar - io0.wchar) / result.count).toFixed(0)} bytes to files and sockets, ${((io1.write_bytes - io0.write_bytes) / result.count).toFixed(0)} bytes reaching the disk`,
);
console.log(`server CPU per order: ${perOrder(cpu1 - cpu0)}, of which`);
for (const [tid, ms] of threads1) {
  const used = ms - (threads0.get(tid) ?? 0);
  if (used <= 0) continue;
  console.log(`  ${tid === child.pid ? 'main thread ' : `thread ${tid}`.padEnd(12)} ${perOrder(used)}`);
}

child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
if (profile) {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0]!;
  console.log(`\nprofile: ${file} (main thread), during the measured run only`);
  printProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, from, to);
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self and inclusive time per function over the samples taken between `from` and `to` (µs, monotonic). */
function printProfile(p: CpuProfile, from: bigint, to: bigint): void {
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const name = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const where = url.replace(/.*node_modules\//, '').replace(/.*\/(server|test)\//, '$1/');
    return `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let at = BigInt(p.startTime);
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    at += BigInt(dt);
    if (at < from || at > to) continue;
    total += dt;
    let id: number | undefined = p.samples[i]!;
    self.set(name(id), (self.get(name(id)) ?? 0) + dt);
    const seen = new Set<string>();
    for (; id !== undefined; id = parent.get(id)) {
      const n = name(id);
      if (seen.has(n)) continue;
      seen.add(n);
      inclusive.set(n, (inclusive.get(n) ?? 0) + dt);
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  console.log(`self time\n${top(self, 25)}\nwith what they call\n${top(inclusive, 40)}`);
  if (process.argv.includes('--tree')) printTree(p, from, to, total, name, parent);
}

/** Top-down call tree of the measured run: every path above 0.3 % of the samples, by inclusive time. */
function printTree(
  p: CpuProfile,
  from: bigint,
  to: bigint,
  total: number,
  name: (id: number) => string,
  parent: Map<number, number>,
): void {
  interface Node {
    time: number;
    children: Map<string, Node>;
  }
  const root: Node = { time: 0, children: new Map() };
  let at = BigInt(p.startTime);
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    at += BigInt(dt);
    if (at < from || at > to) continue;
    const path: string[] = [];
    for (let id: number | undefined = p.samples[i]!; id !== undefined; id = parent.get(id))
      path.push(name(id));
    let node = root;
    node.time += dt;
    for (const n of path.reverse()) {
      let child = node.children.get(n);
      if (!child) {
        child = { time: 0, children: new Map() };
        node.children.set(n, child);
      }
      child.time += dt;
      node = child;
    }
  }
  const walk = (node: Node, depth: number) => {
    for (const [n, child] of [...node.children].sort((a, b) => b[1].time - a[1].time)) {
      if (child.time / total < 0.003) continue;
      console.log(`${((child.time / total) * 100).toFixed(1).padStart(5)} % ${'  '.repeat(depth)}${n}`);
      walk(child, depth + 1);
    }
  };
  console.log('\ncall tree');
  walk(root, 0);
}

/** A process's I/O counters from /proc (`wchar`: bytes handed to write calls; `write_bytes`: sent to the disk). */
function processIo(pid: number | undefined): { wchar: number; write_bytes: number } {
  const counters: Record<string, number> = Object.fromEntries(
    readFileSync(`/proc/${pid}/io`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [key, value] = line.split(': ');
        return [key, Number(value)];
      }),
  );
  return { wchar: counters.wchar ?? 0, write_bytes: counters.write_bytes ?? 0 };
}

/** The machine's CPU ticks so far: user, nice, system, idle, iowait, irq, softirq… (/proc/stat). */
function machineCpu(): number[] {
  return readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
}
