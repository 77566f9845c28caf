// The real server (`server/main.ts`, as `npm start` runs it) as a child process on a file database, on a
// fixed loopback port so that a restart after `kill -9` comes back where the driver expects it.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exited, sleep, track } from './processes.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const MAIN = resolve(ROOT, 'server/main.ts');

export interface ServerOptions {
  databasePath: string;
  port: number;
  /** Where the server's stdout and stderr go (appended; kept across restarts). */
  logFile: string;
  /** Environment on top of the harness defaults (demo mode, quiet logs, no scanner timers). */
  env?: Record<string, string>;
}

/** Starts, kills (-9), stops and restarts one server process on the same database file. */
export class ServerProcess {
  child: ChildProcess | null = null;
  starts = 0;
  kills = 0;

  constructor(readonly opts: ServerOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.opts.port}`;
  }

  /** Starts the server and resolves once `/api/health` answers 200 (demo data is seeded on the first start). */
  async start(timeoutMs = 90_000): Promise<number> {
    const log = openSync(this.opts.logFile, 'a');
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: ROOT,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DEMO: 'true',
        HOST: '127.0.0.1',
        PORT: String(this.opts.port),
        DATABASE_PATH: this.opts.databasePath,
        LOG_LEVEL: 'warn',
        SCAN_INTERVAL_MS: '0',
        WALLBOARD_INTERVAL_MS: '0',
        ...this.opts.env,
      },
    });
    closeSync(log);
    track(child);
    this.child = child;
    this.starts += 1;
    while (Date.now() - started < timeoutMs) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`server exited with ${child.exitCode ?? child.signalCode}; see ${this.opts.logFile}`);
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
        if (res.status === 200) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`server did not answer /api/health within ${timeoutMs} ms; see ${this.opts.logFile}`);
  }

  /** `kill -9`: no shutdown hook runs, whatever was not committed is gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    this.kills += 1;
    child.kill('SIGKILL');
    await exited(child);
  }

  /** SIGTERM and wait for the graceful close (SIGKILL after 15 s). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.kill('SIGTERM');
    await exited(child);
    clearTimeout(force);
  }

  get running(): boolean {
    return this.child !== null;
  }
}
