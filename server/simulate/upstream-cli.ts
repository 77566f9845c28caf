import { createInterface } from 'node:readline';
import { DEMO_UPSTREAM } from '../config.js';
import { choiceFlag, numberFlag, parseFlags, UsageError } from './flags.js';
import { clockTime, type Out, stdoutSink } from './output.js';
import { MODES, type SimulatorStats, startUpstreamSimulator } from './upstream.js';

export const UPSTREAM_USAGE = `npm run simulate -- upstream [flags]

Plays the Yantai platform (DESIGN.md §5) against a running server.

  --url URL            our server (default http://127.0.0.1:3000)
  --secret SECRET      shared secret, the server's UPSTREAM_SECRET (default ${DEMO_UPSTREAM.secret})
  --port PORT          where to receive our messages on 127.0.0.1 (default 4100)
  --rate N             orders per second (default 0.2; 0 = send none)
  --count N            stop sending after N orders (default unlimited)
  --mode ok|down|slow  how to answer our messages: {"code":0}, 503, or after 15 s (default ok)
  --auto-close S       send a close notice S seconds after a feedback (default 5; 0 = never)
  --urge-after S       send an urge notice for orders with no receipt after S seconds (default off)
  --duration S         exit after S seconds (default: until Ctrl-C)

While it runs, type ok, down or slow and Enter to switch the mode.`;

const FLAGS = ['url', 'secret', 'port', 'rate', 'count', 'mode', 'auto-close', 'urge-after', 'duration'];

function summary(s: SimulatorStats): string {
  const byPath = Object.entries(s.received.byPath)
    .filter(([, n]) => n > 0)
    .map(([path, n]) => `${path} ${n}`)
    .join(', ');
  return [
    `sent ${s.orders.sent} orders (${s.orders.accepted} taken, ${s.orders.failed} failed)`,
    `${s.notices.sent} notices (${s.notices.accepted} taken, ${s.notices.failed} failed)`,
    `received ${s.received.total} messages${byPath ? ` (${byPath})` : ''}, ${s.received.badSignatures} bad signatures`,
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
    out,
  }).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    throw new UsageError(`port ${port} is already in use (another simulator?); choose one with --port`);
  });
  out(`Yantai simulator: receiving on http://127.0.0.1:${sim.port} (mode ${mode}), sending to ${url}`);
  out(
    `  orders: ${rate}/s, ${count === null ? 'no limit' : `${count} in all`}; ` +
      `close after feedback: ${autoClose > 0 ? `${autoClose} s` : 'never'}; ` +
      `urge after: ${urgeAfter ? `${urgeAfter} s` : 'never'}; ` +
      `${duration === null ? 'Ctrl-C to stop' : `stopping after ${duration} s`}`,
  );

  const keys = process.stdin.isTTY ? createInterface({ input: process.stdin }) : null;
  keys?.on('line', (line) => {
    const word = line.trim();
    if ((MODES as readonly string[]).includes(word)) sim.setMode(word as (typeof MODES)[number]);
    else if (word) out(`type one of ${MODES.join(', ')} to switch the mode`);
  });

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
