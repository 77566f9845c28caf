// Runs one benchmark script of `npm run bench` (test/bench/*.ts, under tsx) as a child process, for the smoke
// tests here. Each runs in a process group of its own, so that the servers it starts in turn are stopped with
// it: on a timeout, or by `stopScripts()` in afterAll if a test ends first.
import { spawn } from 'node:child_process';

export interface ScriptResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Process groups started here and not yet seen gone. */
const groups = new Set<number>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals every process left in the group; SIGKILL after 5 s; resolves once none is left. */
async function stopGroup(group: number): Promise<void> {
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-group, s);
    } catch {
      // gone already
    }
  };
  if (alive(group)) signal('SIGTERM');
  for (let waited = 0; alive(group); waited += 50) {
    if (waited === 5000) signal('SIGKILL');
    await sleep(50);
  }
  groups.delete(group);
}

/**
 * Runs `node --import tsx <script> [args]` from the project root with `env` on top of this process's, and
 * resolves with its exit and its output once it and every process it started are gone. Rejects after
 * `timeoutMs` (having stopped them all), with the end of its output.
 */
export function runScript(
  script: string,
  opts: { args?: string[]; env?: Record<string, string>; timeoutMs: number },
): Promise<ScriptResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...(opts.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
    detached: true,
  });
  const group = child.pid!;
  groups.add(group);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => {
    stdout += b.toString('utf8');
  });
  child.stderr!.on('data', (b: Buffer) => {
    stderr += b.toString('utf8');
  });
  // The servers it starts share its stderr: the output is whole once they are gone too.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return new Promise<ScriptResult>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void stopGroup(group);
    }, opts.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      void (async () => {
        await stopGroup(group);
        await Promise.race([closed, sleep(2000)]);
        const result = { code, signal, stdout, stderr };
        if (timedOut)
          reject(
            new Error(`${script} still running after ${opts.timeoutMs} ms (stopped)\n${output(result)}`),
          );
        else resolve(result);
      })();
    });
  });
}

/** For afterAll: stops whatever a script left running (after a failed or timed-out test). */
export async function stopScripts(): Promise<void> {
  await Promise.all([...groups].map(stopGroup));
}

/** The output of a run, for an assertion's message. */
export const output = (r: ScriptResult) =>
  `exit ${r.code ?? r.signal}\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`;
