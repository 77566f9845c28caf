// Child processes of the realtime benchmark: start one, read its first stdout line, sample its memory.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';
import type { AuthUser } from '../../server/auth/auth.service.js';

export interface Child<T> {
  child: ChildProcess;
  info: T;
  /** The child's stdout, line by line, after the first one. */
  lines: Interface;
}

/** Runs `script` under tsx; resolves with the JSON of its first stdout line. */
export function startChild<T>(script: string, env: Record<string, string> = {}): Promise<Child<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve({ child, info: JSON.parse(line) as T, lines }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/** Resolves with the next stdout line of a child, parsed. */
export const nextLine = <T>(c: Child<unknown>): Promise<T> =>
  new Promise((resolve, reject) => {
    c.lines.once('line', (line) => resolve(JSON.parse(line) as T));
    c.child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });

/** Stops a child and waits for it to be gone. */
export function stopChild(c: Child<unknown> | null): Promise<void> {
  if (!c || c.child.exitCode !== null || c.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => c.child.kill('SIGKILL'), 5000);
    c.child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    c.child.kill('SIGTERM');
  });
}

/** Resident set size of a process in MB, from /proc (0 when gone). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS every `ms` until stopped; returns the peak in MB. */
export function sampleRss(pid: number, ms = 100): { stop(): number } {
  let peak = rssMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssMb(pid));
    },
  };
}

/** Logs in with the benchmark password; returns the token and the user. */
export async function login(port: number, username: string): Promise<{ token: string; user: AuthUser }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'bench-password' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return (await res.json()) as { token: string; user: AuthUser };
}
