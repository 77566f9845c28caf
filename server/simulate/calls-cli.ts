import { LINE_PATTERN } from '../ivr/ivr.flow.js';
import { DEMO_CTI_TOKEN, startCallsSimulator } from './calls.js';
import {
  CALLER_KINDS,
  type CallerKind,
  DEFAULT_LINES,
  DEFAULT_MIX,
  PENGLAI_CALLERS,
} from './calls-callers.js';
import { summaryOf } from './calls-record.js';
import { choiceFlag, numberFlag, parseFlags, UsageError } from './flags.js';
import { clockTime, type Out, stdoutSink } from './output.js';

const shares = (s: Record<string, number>) =>
  Object.entries(s)
    .map(([k, v]) => `${k}:${v}`)
    .join(',');

export const CALLS_USAGE = `npm run simulate -- calls [flags]

Plays the telephony gateway (DESIGN.md §6) against a running server: connects to /cti, places
calls from simulated callers and, for the agents it plays, answers them.

  --url URL            our server (default http://127.0.0.1:3000)
  --token TOKEN        the server's CTI_TOKEN (default ${DEMO_CTI_TOKEN})
  --rate N             calls per second on average (default 0.2; 0 = place none)
  --count N            stop placing calls after N (default unlimited); exits when all have ended
  --duration S         exit after S seconds (default: until Ctrl-C, or --count calls are done)
  --lines L:S,...      share of calls per dialled line (default ${shares(DEFAULT_LINES)})
  --mix K:S,...        share of callers per kind (default ${shares(DEFAULT_MIX)})
                       kinds: ${CALLER_KINDS.join(', ')}
  --agents A,B|none    agents it plays: set ready, answer, talk, leave (default 1001,1002)
  --auto-answer        also pick up calls bridged to agents it does not play
  --speed F            divide the callers' and agents' waits by F (default 1)
  --callers N,N,...    the callers' numbers (default a fixed pool of ${PENGLAI_CALLERS.length} Penglai mobiles)`;

const FLAGS = [
  'url',
  'token',
  'rate',
  'count',
  'duration',
  'lines',
  'mix',
  'agents',
  'auto-answer',
  'speed',
  'callers',
];

/** `name:share,name:share` with names passing `check`; the shares need not add up to 1. */
export function parseShares(
  flag: string,
  raw: string,
  check: (name: string) => boolean,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const m = /^\s*([^:\s]+)\s*:\s*([0-9.]+)\s*$/.exec(part);
    const share = m ? Number(m[2]) : Number.NaN;
    if (!m || !Number.isFinite(share)) throw new UsageError(`--${flag}: "${part}" is not name:share`);
    if (!check(m[1]!)) throw new UsageError(`--${flag}: unknown name "${m[1]}"`);
    out[m[1]!] = share;
  }
  if (!Object.values(out).some((v) => v > 0)) throw new UsageError(`--${flag}: no share above 0`);
  return out;
}

/** `--auto-answer` alone means on; parseFlags wants a value, so give it one. */
const withSwitches = (args: readonly string[]) =>
  args.map((a) => (a === '--auto-answer' ? '--auto-answer=on' : a));

/** `simulate calls`: runs until Ctrl-C, --duration, or --count calls are over; resolves with the exit code. */
export async function runCallsCli(args: readonly string[], out: Out = stdoutSink): Promise<number> {
  const flags = parseFlags(withSwitches(args), FLAGS);
  if (flags.has('help')) {
    out(CALLS_USAGE);
    return 0;
  }
  const url = flags.get('url') ?? 'http://127.0.0.1:3000';
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw new UsageError(`--url must be an http(s) URL (got "${url}")`);
  const token = flags.get('token') ?? DEMO_CTI_TOKEN;
  if (token === '') throw new UsageError('--token must not be empty');
  const rate = numberFlag(flags, 'rate', 0.2, { max: 1000 });
  const count = numberFlag(flags, 'count', null, { integer: true });
  const duration = numberFlag(flags, 'duration', null, { max: 7 * 86_400 });
  const speed = numberFlag(flags, 'speed', 1, { min: 0.01, max: 10_000 });
  const lines = flags.has('lines')
    ? parseShares('lines', flags.get('lines')!, (n) => new RegExp(LINE_PATTERN).test(n))
    : DEFAULT_LINES;
  const mix = flags.has('mix')
    ? (parseShares('mix', flags.get('mix')!, (n) =>
        (CALLER_KINDS as readonly string[]).includes(n),
      ) as Partial<Record<CallerKind, number>>)
    : DEFAULT_MIX;
  const agentsRaw = flags.get('agents') ?? '1001,1002';
  const agents = agentsRaw === 'none' ? [] : agentsRaw.split(',').map((a) => a.trim());
  if (agents.some((a) => !/^[A-Za-z0-9_-]{1,32}$/.test(a)))
    throw new UsageError(`--agents must be agent numbers separated by commas, or none (got "${agentsRaw}")`);
  const autoAnswer = choiceFlag(flags, 'auto-answer', ['on', 'off', 'true', 'false'], 'off');
  const callers = flags.has('callers')
    ? flags
        .get('callers')!
        .split(',')
        .map((c) => c.trim())
    : PENGLAI_CALLERS;
  if (callers.some((c) => !/^\+?[0-9]{3,20}$/.test(c)))
    throw new UsageError('--callers must be phone numbers separated by commas');

  const auto = autoAnswer === 'on' || autoAnswer === 'true';
  out(`Telephony simulator: the gateway for ${url.replace(/\/+$/, '')}/cti`);
  out(
    `  calls: ${rate}/s, ${count === null ? 'no limit' : `${count} in all`}; lines ${shares(lines)}; ` +
      `agents: ${agents.length ? agents.join(', ') : 'none (console operators)'}${auto ? ', auto-answer' : ''}; ` +
      `speed ×${speed}; ` +
      (duration !== null
        ? `stopping after ${duration} s`
        : count === null
          ? 'Ctrl-C to stop'
          : 'until the calls are over'),
  );
  out(`  callers: ${shares(mix)}`);
  const started = await startCallsSimulator({
    url,
    token,
    rate,
    count,
    lines,
    mix,
    agents,
    autoAnswer: auto,
    speed,
    callers,
    out,
  }).catch((err: unknown) => err as Error);
  if (started instanceof Error) {
    process.stderr.write(`${started.message}\n`);
    return 1;
  }
  const sim = started;

  await new Promise<void>((resolve) => {
    const timer = duration === null ? null : setTimeout(resolve, duration * 1000);
    const done = () => {
      if (timer) clearTimeout(timer);
      resolve();
    };
    if (count !== null) void sim.settled.then(done);
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await sim.stop();
  out(`${clockTime(Date.now())} stopped: ${summaryOf(sim.stats())}`);
  return 0;
}
