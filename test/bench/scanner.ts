// Deadline scanner benchmark (part of `npm run bench`): the real app's services, in this process, on a fresh
// SQLite file with 1,000,000 open assignments whose scanner bookmarks (`next_check_at`) are spread over the
// coming four weeks, so only a handful are due at any moment. Times single `runOnce()` passes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../server/app.js';
import { createArgon2Hasher } from '../../server/auth/passwords.js';
import { loadConfig } from '../../server/config.js';
import { compactLocalDate } from '../../server/core/clock.js';
import { openDatabase } from '../../server/core/db.js';
import { BENCH_UPSTREAM_SECRET } from './bench-secret.js';
import { quantile } from './load.js';

const ASSIGNMENTS = Number(process.env.BENCH_SCAN_ASSIGNMENTS ?? 1_000_000);
/** Assignments per ticket (a lead and its assisting departments). */
const PER_TICKET = Number(process.env.BENCH_SCAN_PER_TICKET ?? 4);
/** Assignments due at the first pass (on tickets of their own): 60 yellow, 40 red. */
const DUE = 100;
const GOAL_MS = 50;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const SPREAD = 28 * DAY;

const T0 = Math.floor(Date.now() / 1000) * 1000;
let now = T0;
const clock = { now: () => now };

const dir = mkdtempSync(join(tmpdir(), 'hotline-scan-'));
const database = openDatabase(join(dir, 'scan.db'));
const cleanUp = () => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
};
// Interrupted: leave no 600 MB database behind.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    cleanUp();
    process.exit(1);
  });
}
try {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_PATH: join(dir, 'scan.db'),
    UPSTREAM_BASE_URL: 'http://127.0.0.1:9',
    UPSTREAM_SECRET: BENCH_UPSTREAM_SECRET,
    UPSTREAM_POLL_MS: '3600000',
    SCAN_INTERVAL_MS: '0',
    WALLBOARD_INTERVAL_MS: '0',
  });
  const passwords = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });
  // Never listening nor made ready: the scanner only runs when this benchmark calls it.
  const app = await buildApp({ config, database, clock, passwords });
  const { directory, scanner } = app.services;
  const deptIds = Array.from(
    { length: 40 },
    (_, i) => directory.createDepartment({ code: `d${i + 1}`, name: `部门 ${i + 1}`, level: 'city' }).id,
  );
  const operator = await directory.createUser({
    username: 'operator',
    displayName: '话务员',
    role: 'operator',
    password: { hash: await passwords.hash('bench-password') },
  });

  const started = performance.now();
  const { sqlite } = database;
  const ticket = sqlite.prepare(
    `insert into tickets (no, status, appeal_type, title, content, caller_name, caller_phone, urgency, confidential,
       channel, line, registered_by, created_at, updated_at)
     values (?, ?, 'complaint', '小区供暖温度不达标', '来电人反映室温仅 14 度。', '张三', ?, 'normal', 0, 'phone', '12345', ?, ?, ?)`,
  );
  const assignment = sqlite.prepare(
    `insert into assignments (ticket_id, department_id, role, status, dispatched_at, sign_due_at, sign_yellow_at,
       due_at, yellow_at, return_due_at, signed_at, next_check_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  const newTicket = (status: string, at: number) => {
    n += 1;
    const no = `PL${compactLocalDate(T0 - (1 + Math.floor(n / 100_000)) * DAY)}${String(n % 100_000).padStart(6, '0')}`;
    return Number(
      ticket.run(no, status, `139${String(n).padStart(8, '0')}`, operator.id, at, at).lastInsertRowid,
    );
  };
  /** An open assignment whose running clock turns yellow at `yellowAt` (its bookmark) and red at `dueAt`. */
  const open = (
    ticketId: number,
    dept: number,
    role: string,
    signing: boolean,
    yellowAt: number,
    dueAt: number,
  ) => {
    const at = Math.min(yellowAt, dueAt) - 2 * DAY;
    if (signing)
      assignment.run(
        ticketId,
        dept,
        role,
        'pending_sign',
        at,
        dueAt,
        yellowAt,
        dueAt + 9 * DAY,
        dueAt + 8 * DAY,
        dueAt,
        null,
        yellowAt,
      );
    else
      assignment.run(
        ticketId,
        dept,
        role,
        'in_progress',
        at,
        at + DAY,
        at + DAY / 2,
        dueAt,
        yellowAt,
        at + 2 * DAY,
        at + HOUR,
        yellowAt,
      );
  };
  const bulk = ASSIGNMENTS - DUE;
  const bulkTickets = Math.ceil(bulk / PER_TICKET);
  /** Bookmark j is one step after j - 1, starting a minute from now. */
  const bookmark = (j: number) => T0 + 60_000 + Math.floor((j * SPREAD) / bulk);
  sqlite.transaction(() => {
    for (let i = 0; i < DUE; i++) {
      const dept = deptIds[i % deptIds.length]!;
      if (i < 60) open(newTicket('in_progress', T0 - 5 * DAY), dept, 'lead', false, T0 - HOUR, T0 + DAY);
      else if (i < 80)
        open(newTicket('in_progress', T0 - 9 * DAY), dept, 'lead', false, T0 - DAY, T0 - 2 * HOUR);
      else open(newTicket('dispatched', T0 - 2 * DAY), dept, 'lead', true, T0 - 6 * HOUR, T0 - HOUR);
    }
    const firstBulk = n + 1;
    for (let t = 0; t < bulkTickets; t++) newTicket(t % 5 === 0 ? 'dispatched' : 'in_progress', T0 - 3 * DAY);
    // Bookmark j goes to ticket j mod bulkTickets: consecutive bookmarks are on different tickets.
    for (let j = 0; j < bulk; j++) {
      const t = j % bulkTickets;
      const yellowAt = bookmark(j);
      const role = j < bulkTickets ? 'lead' : 'assist';
      open(firstBulk + t, deptIds[j % deptIds.length]!, role, t % 5 === 0, yellowAt, yellowAt + DAY);
    }
  })();
  sqlite.pragma('optimize');
  const fillSeconds = (performance.now() - started) / 1000;
  const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
  const openCount = count(
    "select count(*) as n from assignments where status in ('pending_sign','in_progress','return_requested')",
  );

  const pass = async () => {
    const t = performance.now();
    const raised = await scanner.runOnce();
    return { ms: performance.now() - t, raised };
  };
  const cold = await pass();
  // The next 100 bulk bookmarks come due (one minute plus 100 steps later): a pass on warm statements.
  now = bookmark(DUE - 1);
  const dueNow = count(`select count(*) as n from assignments where next_check_at <= ${now}`);
  const warm = await pass();
  const idle: Awaited<ReturnType<typeof pass>>[] = [];
  for (let i = 0; i < 20; i++) idle.push(await pass());
  const idleSorted = idle.map((p) => p.ms).sort((a, b) => a - b);

  // What one commit costs here: a one-row write transaction, as durable as the app's (synchronous = FULL).
  const write = sqlite.prepare(
    "insert or replace into settings (key, value, updated_at) values ('bench', '1', ?)",
  );
  const commits = Array.from({ length: 20 }, (_, i) => {
    const t = performance.now();
    sqlite.transaction(() => write.run(i)).immediate();
    return performance.now() - t;
  }).sort((a, b) => a - b);
  // The same warm pass without an fsync per commit (synchronous = NORMAL): what is not the disk.
  sqlite.pragma('synchronous = NORMAL');
  now = bookmark(2 * DUE - 1);
  const unsynced = await pass();
  sqlite.pragma('synchronous = FULL');

  const goal = (ms: number) => `${ms <= GOAL_MS ? 'PASS' : 'FAIL'} (goal ≤ ${GOAL_MS} ms)`;
  const f = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;
  console.log('');
  console.log(
    `deadline scanner: ${openCount.toLocaleString()} open assignments on ${n.toLocaleString()} tickets, bookmarks over 28 days (filled in ${fillSeconds.toFixed(1)} s)`,
  );
  console.log(
    `pass, ${DUE} due, cold start     ${f(cold.ms)}   ${cold.raised} cards raised   ${goal(cold.ms)}`,
  );
  console.log(
    `pass, ${dueNow} due, warm           ${f(warm.ms)}   ${warm.raised} cards raised   ${goal(warm.ms)}`,
  );
  console.log(
    `pass, nothing due              ${f(idle[0]!.ms)}   ${idle[0]!.raised} cards raised   ${goal(idle[0]!.ms)}   (median of 20: ${quantile(idleSorted, 0.5).toFixed(2)} ms)`,
  );
  console.log('');
  console.log(
    `per card raised: ${(warm.ms / Math.max(1, warm.raised)).toFixed(2)} ms; one one-row write transaction here: median ${quantile(commits, 0.5).toFixed(2)} ms`,
  );
  console.log(
    `same warm pass with synchronous = NORMAL (no fsync per commit; not the app's setting): ${unsynced.ms.toFixed(1)} ms, ${unsynced.raised} cards`,
  );
  if (cold.raised !== DUE || warm.raised !== dueNow || idle.some((p) => p.raised !== 0)) {
    console.error('the passes did not raise what was due: the figures above are not valid');
    process.exitCode = 1;
  }
  await app.close();
} finally {
  cleanUp();
}
