import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import { type App, buildApp } from '../../server/app.js';
import type { AuthUser } from '../../server/auth/auth.service.js';
import { createArgon2Hasher } from '../../server/auth/passwords.js';
import { type Config, loadConfig } from '../../server/config.js';
import { type DatabaseHandle, openDatabase } from '../../server/core/db.js';
import { FakeClock } from './clock.js';

export const PASSWORD = 'test-password-1';
export const YANTAI_URL = 'http://yantai.test/api';
export const YANTAI_SECRET = 'test-yantai-shared-secret';

/** argon2id at a low cost: real hashing, fast enough for many logins per test. */
export const cheapHasher = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });

export interface TestDirectory {
  /** Department ids by code. */
  dept: Record<'zjj' | 'scjg' | 'rsj' | 'jtj' | 'ljgz' | 'dzjd' | 'ljgzA' | 'ljgzB' | 'dzjdA', number>;
  categoryId: number;
}

export interface TestApp {
  app: App;
  clock: FakeClock;
  database: DatabaseHandle;
  config: Config;
  dir: TestDirectory;
  /** Logs in and returns the bearer token. */
  login(username: string, password?: string): Promise<string>;
  /** The AuthUser of a login, for calling services directly. */
  user(username: string): AuthUser;
  /** Stops this app and starts a new one on the same database file (a server restart). */
  restart(): Promise<TestApp>;
  close(): Promise<void>;
}

/**
 * The real app on a temporary SQLite file, migrated from empty, with a fake clock and a small directory:
 * four city departments, two towns with villages, one user per role and a handler per department.
 */
export async function buildTestApp(
  opts: { env?: Record<string, string>; start?: string; logStream?: DestinationStream } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_PATH: join(dir, 'test.db'),
    // Tests move the clock by days; sessions outlive that unless a test sets its own TTL.
    SESSION_TTL_HOURS: '720',
    // Yantai is played by msw (test/helpers/yantai.ts); the outbox worker runs when woken or drained (its hourly
    // poll never comes in a test).
    UPSTREAM_BASE_URL: YANTAI_URL,
    UPSTREAM_SECRET: YANTAI_SECRET,
    UPSTREAM_POLL_MS: '3600000',
    // The deadline scanner and the wallboard run when a test calls them, not on timers.
    SCAN_INTERVAL_MS: '0',
    WALLBOARD_INTERVAL_MS: '0',
    ...opts.env,
  });
  const database = openDatabase(config.databasePath);
  const clock = new FakeClock(opts.start);
  const app = await buildApp({
    config,
    database,
    clock,
    passwords: cheapHasher,
    ...(opts.logStream ? { logStream: opts.logStream } : {}),
  });
  await app.ready();
  const { directory } = app.services;
  const users = new Map<string, AuthUser>();

  const city = (code: string, name: string) => directory.createDepartment({ code, name, level: 'city' }).id;
  const town = (code: string, name: string) => directory.createDepartment({ code, name, level: 'town' }).id;
  const village = (code: string, name: string, parentId: number) =>
    directory.createDepartment({ code, name, level: 'village', parentId }).id;
  const ljgz = town('ljgz', '刘家沟镇');
  const dzjd = town('dzjd', '登州街道');
  const dept: TestDirectory['dept'] = {
    zjj: city('zjj', '区住房和城乡建设局'),
    scjg: city('scjg', '区市场监督管理局'),
    rsj: city('rsj', '区人力资源和社会保障局'),
    jtj: city('jtj', '区交通运输局'),
    ljgz,
    dzjd,
    ljgzA: village('ljgz-a', '刘家沟村', ljgz),
    ljgzB: village('ljgz-b', '马家庄村', ljgz),
    dzjdA: village('dzjd-a', '西关村', dzjd),
  };
  const root = directory.createCategory({ code: 'C01', name: '城市综合' });
  const categoryId = directory.createCategory({ code: 'C0101', name: '噪声扰民', parentId: root.id }).id;

  const hash = await cheapHasher.hash(PASSWORD);
  const add = async (username: string, role: AuthUser['role'], departmentId?: number) => {
    const u = await directory.createUser({
      username,
      displayName: username,
      role,
      departmentId,
      password: { hash },
    });
    const level = u.departmentId === null ? null : (directory.getDepartment(u.departmentId)?.level ?? null);
    users.set(username, { ...u, departmentLevel: level });
  };
  for (const [name, role] of [
    ['admin', 'admin'],
    ['operator1', 'operator'],
    ['dispatcher1', 'dispatcher'],
    ['supervisor1', 'supervisor'],
  ] as const) {
    await add(name, role);
  }
  for (const [code, id] of Object.entries(dept)) await add(`handler.${code}`, 'handler', id);
  await add('operator2', 'operator');
  app.services.calls.upsertAgent(users.get('operator1')!.id, '1001', ['general', 'enterprise', 'dialect']);
  app.services.calls.upsertAgent(users.get('operator2')!.id, '1002', ['general']);

  return wrap({ app, clock, database, config, dir: { dept, categoryId }, users, tmp: dir });
}

function wrap(parts: {
  app: App;
  clock: FakeClock;
  database: DatabaseHandle;
  config: Config;
  dir: TestDirectory;
  users: Map<string, AuthUser>;
  tmp: string;
}): TestApp {
  const { app, database, config, users, tmp } = parts;
  return {
    ...parts,
    async login(username, password = PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return (res.json() as { token: string }).token;
    },
    user(username) {
      const u = users.get(username);
      if (!u) throw new Error(`no test user ${username}`);
      return u;
    },
    async restart() {
      await app.close();
      database.close();
      const reopened = openDatabase(config.databasePath);
      const next = await buildApp({ config, database: reopened, clock: parts.clock, passwords: cheapHasher });
      await next.ready();
      return wrap({ ...parts, app: next, database: reopened });
    },
    async close() {
      await app.close();
      // Every test's last check: each assignment's copy of its ticket's status and time is the ticket's own.
      const drift = database.sqlite.open
        ? (database.sqlite
            .prepare(
              `select t.no, t.status, a.id as assignment, a.ticket_status as copy from assignments a
               join tickets t on t.id = a.ticket_id
               where a.ticket_status <> t.status or a.ticket_created_at <> t.created_at limit 5`,
            )
            .all() as unknown[])
        : [];
      database.close();
      rmSync(tmp, { recursive: true, force: true });
      if (drift.length > 0)
        throw new Error(`assignments out of step with their tickets: ${JSON.stringify(drift)}`);
    },
  };
}

/** A thin client over `app.inject` that carries one user's token. */
export function client(t: TestApp, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    get: (url: string): Promise<LightMyRequestResponse> => t.app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload: object = {}): Promise<LightMyRequestResponse> =>
      t.app.inject({ method: 'POST', url, headers, payload }),
    put: (url: string, payload: object = {}): Promise<LightMyRequestResponse> =>
      t.app.inject({ method: 'PUT', url, headers, payload }),
    patch: (url: string, payload: object = {}): Promise<LightMyRequestResponse> =>
      t.app.inject({ method: 'PATCH', url, headers, payload }),
    delete: (url: string): Promise<LightMyRequestResponse> =>
      t.app.inject({ method: 'DELETE', url, headers }),
  };
}
