// Benchmark harness: the real app on a fresh SQLite file filled with 100,000 tickets, on a free port.
// Prints one JSON line with the port and the tickets left in `registered` for the action benchmark.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.js';
import { createArgon2Hasher } from '../../server/auth/passwords.js';
import { loadConfig } from '../../server/config.js';
import { systemClock } from '../../server/core/clock.js';
import { openDatabase } from '../../server/core/db.js';
import { BENCH_UPSTREAM_SECRET } from './bench-secret.js';
import { fillTickets } from './fixture.js';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const FRESH = Number(process.env.BENCH_FRESH ?? 2_000);
const DEPARTMENTS = 40;
/** Dispatcher and supervisor logins each (the realtime benchmark gives every console of theirs a user). */
const STAFF = Number(process.env.BENCH_STAFF ?? 1);

const dir = mkdtempSync(join(tmpdir(), 'hotline-bench-'));
const config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  DATABASE_PATH: join(dir, 'bench.db'),
  // Orders only come in during the benchmark: nothing is sent out, so no Yantai needs to listen.
  UPSTREAM_BASE_URL: 'http://127.0.0.1:9',
  UPSTREAM_SECRET: BENCH_UPSTREAM_SECRET,
  UPSTREAM_POLL_MS: '3600000',
  // One load generator on one address sends thousands of orders a second: not what the limit is for.
  UPSTREAM_RATE_LIMIT: '0',
});
const database = openDatabase(config.databasePath);
const passwords = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });
// Log lines go to stderr: stdout carries only the JSON line the benchmark reads.
const app = await buildApp({ config, database, clock: systemClock, passwords, logStream: process.stderr });
const { directory } = app.services;

const password = { hash: await passwords.hash('bench-password') };
const departmentIds: number[] = [];
for (let i = 1; i <= DEPARTMENTS; i++) {
  const d = directory.createDepartment({ code: `d${i}`, name: `部门 ${i}`, level: 'city' });
  departmentIds.push(d.id);
  await directory.createUser({
    username: `handler.d${i}`,
    displayName: `承办人 ${i}`,
    role: 'handler',
    departmentId: d.id,
    password,
  });
}
const operator = await directory.createUser({
  username: 'operator',
  displayName: '话务员',
  role: 'operator',
  password,
});
await directory.createUser({ username: 'dispatcher', displayName: '派单员', role: 'dispatcher', password });
await directory.createUser({ username: 'supervisor', displayName: '督办员', role: 'supervisor', password });
for (let i = 2; i <= STAFF; i++) {
  const n = { dispatcher: `派单员 ${i}`, supervisor: `督办员 ${i}` } as const;
  for (const role of ['dispatcher', 'supervisor'] as const) {
    await directory.createUser({ username: `${role}.${i}`, displayName: n[role], role, password });
  }
}

const started = Date.now();
const fresh = fillTickets(database.sqlite, {
  count: TICKETS,
  fresh: FRESH,
  departmentIds,
  now: systemClock.now(),
  operatorId: operator.id,
});
database.sqlite.pragma('optimize');
const fillSeconds = (Date.now() - started) / 1000;

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(
  `${JSON.stringify({ port, fresh, departmentIds, operatorId: operator.id, tickets: TICKETS, fillSeconds })}\n`,
);

const stop = async () => {
  await app.close();
  database.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
