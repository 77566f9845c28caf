import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearsWithoutSchedule } from '../../../server/sla/calendar.js';

/** Starts `server/main.ts` as `npm start` does, on a free port; resolves with its URL once it listens. */
function start(env: Record<string, string>): {
  child: ChildProcess;
  url: Promise<string>;
  output: () => string;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /热线 — (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
  return { child, url, output: () => out };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });

async function login(url: string, username: string, password = 'demo12345') {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function ticketsSeenBy(url: string, token: string) {
  const res = await fetch(`${url}/api/tickets?pageSize=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await res.json()) as { total: number; items: { status: string }[] };
}

describe('npm start on an empty data folder (demo mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-start-'));
  const env = { DATABASE_PATH: join(dir, 'hotline.db') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let url: string;
  let first: ReturnType<typeof start>;
  beforeAll(async () => {
    first = start(env);
    url = await first.url;
  }, 30_000);

  it('answers health, seeds Penglai with logins for every role and a dozen tickets in different states', async () => {
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', db: 'ok' });
    expect(first.output()).toContain('dispatcher1');

    const supervisor = await ticketsSeenBy(url, await login(url, 'supervisor1'));
    expect(supervisor.total).toBeGreaterThanOrEqual(12);
    expect(new Set(supervisor.items.map((i) => i.status)).size).toBeGreaterThanOrEqual(8);

    const departments = (await (
      await fetch(`${url}/api/departments`, {
        headers: { authorization: `Bearer ${await login(url, 'admin')}` },
      })
    ).json()) as { code: string; name: string; level: string }[];
    const names = departments.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['区住房和城乡建设局', '刘家沟镇', '南长山街道', '砣矶镇']));
    expect(departments.filter((d) => d.level === 'village').length).toBeGreaterThanOrEqual(3);
    for (const d of departments) await login(url, `handler.${d.code}`);

    // Citizens' web appeals wait in 网上诉求 for an operator.
    const web = await fetch(`${url}/api/tickets?status=registered&channel=web`, {
      headers: { authorization: `Bearer ${await login(url, 'operator2')}` },
    });
    expect(((await web.json()) as { total: number }).total).toBe(2);

    // A department sees only its own: the water company has exactly its one demo ticket.
    expect((await ticketsSeenBy(url, await login(url, 'handler.gs'))).total).toBe(1);
  }, 60_000);

  it('warns at start when deadlines are about to count a year the official holiday schedule does not cover', () => {
    const years = yearsWithoutSchedule(Date.now());
    if (years.length > 0)
      expect(first.output()).toContain(`法定节假日与调休安排未收录 ${years.join('、')} 年`);
    else expect(first.output()).not.toContain('法定节假日与调休安排未收录');
  });

  it('closes gracefully on SIGTERM and, started again, keeps its data without seeding twice', async () => {
    const before = (await ticketsSeenBy(url, await login(url, 'supervisor1'))).total;
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);
    // It closed the database (the last connection folds the WAL into the file and removes it), not merely
    // ran out of things to do: shutting down once stopped while waiting for the checkpoint thread.
    expect(existsSync(join(dir, 'hotline.db-wal'))).toBe(false);

    const second = start(env);
    const url2 = await second.url;
    try {
      expect((await ticketsSeenBy(url2, await login(url2, 'supervisor1'))).total).toBe(before);
      expect(second.output()).not.toContain('Demo data seeded');
    } finally {
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  }, 60_000);
});

describe('npm start in production', () => {
  it('refuses to start without the admin secret and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-prod-'));
    try {
      const run = start({ NODE_ENV: 'production', DATABASE_PATH: join(dir, 'x.db') });
      await expect(run.url).rejects.toThrow(/ADMIN_PASSWORD is required/);
      expect(run.child.exitCode).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('never seeds, and creates only the admin login from ADMIN_PASSWORD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-prod-'));
    const run = start({
      NODE_ENV: 'production',
      DATABASE_PATH: join(dir, 'x.db'),
      ADMIN_PASSWORD: 'a-long-admin-secret',
    });
    try {
      const url = await run.url;
      const token = await login(url, 'admin', 'a-long-admin-secret');
      const users = (await (
        await fetch(`${url}/api/users`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as unknown[];
      expect(users).toHaveLength(1);
      expect((await ticketsSeenBy(url, token)).total).toBe(0);
      // Yantai's eight content classes are reference data, there from the first production start.
      const categories = (await (
        await fetch(`${url}/api/categories`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { name: string; parentId: number | null }[];
      expect(categories.filter((c) => c.parentId === null).map((c) => c.name)).toEqual([
        '城市综合',
        '社会事业',
        '经济综合',
        '城乡建设',
        '人力资源保障',
        '三农问题',
        '党风政风行风',
        '自然资源',
      ]);
      const demo = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'operator1', password: 'demo12345' }),
      });
      expect(demo.status).toBe(401);
    } finally {
      run.child.kill('SIGTERM');
      await exited(run.child);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('npm start with a broken IVR flow', () => {
  it('stops with a message naming the file and the node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-flows-'));
    try {
      writeFileSync(
        join(dir, 'broken.json'),
        JSON.stringify({
          id: 'broken',
          lines: ['12345'],
          start: 'hello',
          nodes: { hello: { type: 'play', text: '您好', next: 'nowhere' } },
        }),
      );
      const run = start({ DATABASE_PATH: join(dir, 'x.db'), IVR_FLOWS_DIR: dir });
      await expect(run.url).rejects.toThrow(/broken\.json: node "hello".*nowhere/);
      expect(run.child.exitCode).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
