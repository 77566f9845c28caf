// Starts the load driver (driver.ts) as a separate process and collects its summary.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DriverConfig, DriverSummary } from './driver.js';
import { exited, track } from './processes.js';
import { ROOT } from './server.js';

const DRIVER = resolve(dirname(fileURLToPath(import.meta.url)), 'driver.ts');

export interface DriverProcess {
  /** SIGTERM: the driver finishes its requests in flight and answers with its summary. */
  stop(): Promise<DriverSummary>;
}

/** Runs the driver; resolves once it has logged in and started sending. Its stderr goes to `logFile`. */
export async function startDriver(config: DriverConfig, logFile: string): Promise<DriverProcess> {
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', DRIVER], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', log],
    env: { ...process.env, DRIVER_CONFIG: JSON.stringify(config) },
  });
  closeSync(log);
  track(child);
  const lines: string[] = [];
  const rl = createInterface({ input: child.stdout! });
  rl.on('line', (line) => lines.push(line));
  await new Promise<void>((resolve, reject) => {
    rl.once('line', () => resolve());
    child.once('exit', (code) =>
      reject(new Error(`driver exited with ${code} before starting; see ${logFile}`)),
    );
  });
  return {
    async stop() {
      const force = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.kill('SIGTERM');
      const code = await exited(child);
      clearTimeout(force);
      const last = lines.at(-1);
      if (code !== 0 || !last) throw new Error(`driver exited with ${code}; see ${logFile}`);
      return JSON.parse(last) as DriverSummary;
    },
  };
}
