import { CALLS_USAGE, runCallsCli } from './calls-cli.js';
import { UsageError } from './flags.js';
import { runUpstreamCli, UPSTREAM_USAGE } from './upstream-cli.js';

/** Each simulator is a subcommand: `npm run simulate -- <name> [flags]`. */
const SUBCOMMANDS: Record<
  string,
  { summary: string; usage: string; run: (args: string[]) => Promise<number> }
> = {
  upstream: {
    summary: 'the Yantai platform: sends signed orders and notices, receives our messages',
    usage: UPSTREAM_USAGE,
    run: (args) => runUpstreamCli(args),
  },
  calls: {
    summary: 'the telephony gateway: places calls over /cti and plays agents who answer them',
    usage: CALLS_USAGE,
    run: (args) => runCallsCli(args),
  },
};

function usage(): string {
  const lines = Object.entries(SUBCOMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return [
    'npm run simulate -- <simulator> [flags]   (--help after a simulator for its flags)',
    '',
    ...lines,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = SUBCOMMANDS[name];
  if (!command) {
    process.stderr.write(`unknown simulator "${name}"\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${command.usage}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `simulate failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
