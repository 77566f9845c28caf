// Benchmark harness for calls: the real app with 250 agents (skill `general`) on a fresh SQLite file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.js';
import { createArgon2Hasher } from '../../server/auth/passwords.js';
import { loadConfig } from '../../server/config.js';
import { systemClock } from '../../server/core/clock.js';
import { openDatabase } from '../../server/core/db.js';
import { BENCH_CTI_TOKEN } from './bench-secret.js';

const AGENTS = 250;

const dir = mkdtempSync(join(tmpdir(), 'hotline-calls-'));
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  DATABASE_PATH: join(dir, 'calls.db'),
  CTI_TOKEN: BENCH_CTI_TOKEN,
  WRAP_UP_SEC: '0',
  SCAN_INTERVAL_MS: '0',
  WALLBOARD_INTERVAL_MS: '0',
});
const database = openDatabase(config.databasePath);
const passwords = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });
// Log lines go to stderr: stdout carries only the JSON line the benchmark reads.
const app = await buildApp({ config, database, clock: systemClock, passwords, logStream: process.stderr });
const hash = { hash: await passwords.hash('bench-password') };
for (let i = 1; i <= AGENTS; i++) {
  const u = await app.services.directory.createUser({
    username: `agent${i}`,
    displayName: `坐席 ${i}`,
    role: 'operator',
    password: hash,
  });
  app.services.calls.upsertAgent(u.id, String(2000 + i), ['general']);
}
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0, agents: AGENTS })}\n`,
);
const stop = async () => {
  await app.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
