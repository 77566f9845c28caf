import { OpsError } from './ops.database.js';

/** Runs a CLI body: an OpsError prints its message and exits with its code; anything else exits 1. */
export function runCli(name: string, body: () => Promise<void>): void {
  body().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof OpsError) {
        process.stderr.write(`${name}: ${err.message}\n`);
        process.exit(err.exitCode);
      }
      process.stderr.write(
        `${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(1);
    },
  );
}
