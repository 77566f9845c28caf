// Runs `server/ops/backup.ts` or `restore.ts` as `npm run backup|restore` does, and collects the outcome.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { track } from './processes.js';
import { ROOT } from './server.js';

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `tsx server/ops/<tool>.ts ...args` with DATABASE_PATH set; resolves when it exits. */
export function runOps(
  tool: 'backup' | 'restore',
  args: string[],
  databasePath: string,
): Promise<CliOutcome> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(ROOT, `server/ops/${tool}.ts`), ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_PATH: databasePath },
    },
  );
  track(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
