// The benchmark's server starts and takes signed orders (`npm run bench` is not part of CI: a config change once
// stopped it at start unnoticed). No timing is asserted here: figures belong to test/bench/.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load.js';
import { signedOrders } from '../../bench/orders.js';

let child: ChildProcess | undefined;
afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('the benchmark server (test/bench/app-server.ts)', () => {
  it('starts on a small fixture and answers every signed order', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/app-server.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, BENCH_TICKETS: '200', BENCH_FRESH: '10' },
    });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => {
      stderr += b.toString('utf8');
    });
    const { port } = await new Promise<{ port: number }>((resolve, reject) => {
      createInterface({ input: child!.stdout! }).on('line', (line) => {
        if (line.startsWith('{')) resolve(JSON.parse(line) as { port: number });
      });
      child!.once('exit', (code) => reject(new Error(`app-server exited with ${code}: ${stderr}`)));
    });
    const result = await runLoad(port, signedOrders(20), 4);
    expect(result.errors).toBe(0);
  }, 60_000);
});
