// Child processes of the reliability harness: a free loopback port, and a registry that kills every child
// still alive when this process exits (also when a test fails half way).
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const alive = new Set<ChildProcess>();
let hooked = false;

/** Remembers a child so it is SIGKILLed if this process exits before stopping it. */
export function track(child: ChildProcess): ChildProcess {
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const c of alive) c.kill('SIGKILL');
    });
  }
  return child;
}

/** Resolves once the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A TCP port free on 127.0.0.1 right now (bound to port 0, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
