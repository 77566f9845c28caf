import { createInterface } from 'node:readline';
import { DEMO_UPSTREAM } from '../config.js';
import { choiceFlag, numberFlag, parseFlags, UsageError } from './flags.js';
import { clockTime, type Out, stdoutSink } from './output.js';
import {
  MODES,
  NOTICE_KINDS,
  type NoticeKind,
  REWORK_DUE_MS,
  type SimulatorStats,
  startUpstreamSimulator,
  type UpstreamSimulator,
} from './upstream.js';

export const UPSTREAM_USAGE = `npm run simulate -- upstream [flags]

Plays the Yantai platform (DESIGN.md §5) against a running server.

  --url URL            our server (default http://127.0.0.1:3000)
  --secret SECRET      shared secret, the server's UPSTREAM_SECRET (default ${DEMO_UPSTREAM.secret})
  --port PORT          where to receive our messages on 127.0.0.1 (default 4100)
  --rate N             orders per second (default 0.2; 0 = send none)
  --count N            stop sending after N orders (default unlimited)
  --mode ok|down|slow  how to answer our messages: {"code":0}, 503, or after 15 s (default ok)
  --auto-close S       answer a feedback S seconds later with close, or rework (default 5; 0 = never)
  --rework P           chance 0-1 that the answer to an order's first feedback is rework (退回重办,
                       due in ${REWORK_DUE_MS / 86_400_000} days) instead of close (default 0)
  --urge-after S       send urge (催办) for orders with no receipt after S seconds (default off)
  --supervise-after S  send supervise (督办) for orders with no feedback after S seconds (default off)
  --recall N           recall (撤回) every N-th order, --recall-after seconds after sending it (default off)
  --recall-after S     (default 30)
  --duration S         exit after S seconds (default: until Ctrl-C)

While it runs, type ok, down or slow and Enter to switch the mode, or a notice kind
(${NOTICE_KINDS.join(', ')}) and an orderNo to send that notice now; without the
orderNo it goes to the last order the server took.`;

const FLAGS = [
  'url',
  'secret',
  'port',
  'rate',
  'count',
  'mode',
  'auto-close',
  'rework',
  'urge-after',
  'supervise-after',
  'recall',
  'recall-after',
  'duration',
];

/** One typed line: a mode to switch to, or a notice kind and an optional orderNo to send it to. */
export async function typedCommand(sim: UpstreamSimulator, line: string, out: Out): Promise<void> {
  const [word, orderNo, ...rest] = line.trim().split(/\s+/);
  if (!word) return;
  if ((MODES as readonly string[]).includes(word) && orderNo === undefined) {
    sim.setMode(word as (typeof MODES)[number]);
    return;
  }
  if (!(NOTICE_KINDS as readonly string[]).includes(word) || rest.length > 0) {
    out(`type a mode (${MODES.join(', ')}), or a notice kind (${NOTICE_KINDS.join(', ')}) and an orderNo`);
    return;
  }
  const target = orderNo ?? Object.keys(sim.stats().tickets).at(-1);
  if (!target) {
    out(`no order taken yet: type ${word} and an orderNo`);
    return;
  }
  await sim.sendNotice(target, word as NoticeKind);
}

function summary(s: SimulatorStats): string {
  const byPath = Object.entries(s.received.byPath)
    .filter(([, n]) => n > 0)
    .map(([path, n]) => `${path} ${n}`)
    .join(', ');
  return [
    `sent ${s.orders.sent} orders (${s.orders.accepted} taken, ${s.orders.failed} failed)`,
    `${s.notices.sent} notices (${s.notices.accepted} taken, ${s.notices.failed} failed)`,
    `received ${s.received.total} messages${byPath ? ` (${byPath})` : ''}, ${s.received.badSignatures} bad signatures, ` +
      `${s.received.contractViolations} contract violations, ${s.received.warnings} with unknown fields`,
  ].join('; ');
}

/** `simulate upstream`: runs until Ctrl-C or --duration; resolves with the exit code. */
export async function runUpstreamCli(args: readonly string[], out: Out = stdoutSink): Promise<number> {
  const flags = parseFlags(args, FLAGS);
  if (flags.has('help')) {
    out(UPSTREAM_USAGE);
    return 0;
  }
  const url = flags.get('url') ?? 'http://127.0.0.1:3000';
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new UsageError(`--url must be an http(s) URL (got "${url}")`);
  const secret = flags.get('secret') ?? DEMO_UPSTREAM.secret;
  if (secret === '') throw new UsageError('--secret must not be empty');
  const port = numberFlag(flags, 'port', Number(new URL(DEMO_UPSTREAM.baseUrl).port), {
    max: 65535,
    integer: true,
  });
  const rate = numberFlag(flags, 'rate', 0.2, { max: 1000 });
  const count = numberFlag(flags, 'count', null, { integer: true });
  const mode = choiceFlag(flags, 'mode', MODES, 'ok');
  const autoClose = numberFlag(flags, 'auto-close', 5, { max: 86_400 });
  const urgeAfter = numberFlag(flags, 'urge-after', null, { max: 86_400 });
  const rework = numberFlag(flags, 'rework', 0, { max: 1 });
  const superviseAfter = numberFlag(flags, 'supervise-after', null, { max: 86_400 });
  const recallEvery = numberFlag(flags, 'recall', 0, { integer: true });
  const recallAfter = numberFlag(flags, 'recall-after', 30, { max: 86_400 });
  if (rework > 0 && autoClose === 0)
    throw new UsageError(
      '--rework needs --auto-close above 0: the rework answers a feedback that many seconds later',
    );
  if (flags.has('recall-after') && recallEvery === 0) throw new UsageError('--recall-after needs --recall N');
  const duration = numberFlag(flags, 'duration', null, { max: 7 * 86_400 });

  const sim = await startUpstreamSimulator({
    url,
    secret,
    port,
    rate,
    count,
    mode,
    autoClose,
    urgeAfter,
    superviseAfter,
    rework,
    recallEvery,
    recallAfter,
    out,
  }).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    throw new UsageError(`port ${port} is already in use (another simulator?); choose one with --port`);
  });
  out(`Yantai simulator: receiving on http://127.0.0.1:${sim.port} (mode ${mode}), sending to ${url}`);
  out(
    `  orders: ${rate}/s, ${count === null ? 'no limit' : `${count} in all`}; ` +
      `close after feedback: ${autoClose > 0 ? `${autoClose} s` : 'never'}; ` +
      `${rework > 0 ? `rework first feedback: ${Math.round(rework * 100)}%; ` : ''}` +
      `urge after: ${urgeAfter ? `${urgeAfter} s` : 'never'}; ` +
      `supervise after: ${superviseAfter ? `${superviseAfter} s` : 'never'}; ` +
      `${recallEvery > 0 ? `recall: 1 in ${recallEvery} orders, ${recallAfter} s after sending; ` : ''}` +
      `${duration === null ? 'Ctrl-C to stop' : `stopping after ${duration} s`}`,
  );

  const keys = process.stdin.isTTY ? createInterface({ input: process.stdin }) : null;
  keys?.on('line', (line) => void typedCommand(sim, line, out));

  await new Promise<void>((resolve) => {
    const timer = duration === null ? null : setTimeout(resolve, duration * 1000);
    const onSignal = () => {
      if (timer) clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  keys?.close();
  await sim.stop();
  out(`${clockTime(Date.now())} stopped: ${summary(sim.stats())}`);
  return 0;
}
