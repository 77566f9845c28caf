import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleIsStale, ensureConsoleBuilt } from '../../../server/console/build.js';
import {
  ASSET_CACHE,
  CONSOLE_DIST,
  consolePlugin,
  INDEX_CACHE,
} from '../../../server/console/console.plugin.js';
import { errorPlugin } from '../../../server/core/error-plugin.js';
import { buildTestApp, type TestApp } from '../../helpers/app.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the agent console served at /', () => {
  let t: TestApp;
  let asset = '';

  beforeAll(async () => {
    // Build once when missing or stale (a fresh checkout); later runs reuse agent-console/dist.
    const result = await ensureConsoleBuilt({ env: {}, log: { info: () => {}, error: () => {} } });
    expect(result).not.toBe('failed');
    const index = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
    asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1] ?? '';
    t = await buildTestApp();
  }, 180_000);
  afterAll(async () => t?.close());

  it('serves the console page at / with no-cache', async () => {
    const res = await t.app.inject({ url: '/', headers: { accept: HTML } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe(INDEX_CACHE);
    expect(res.body).toContain('<title>蓬莱区12345政务服务便民热线</title>');
    expect(res.body).toContain('lang="zh-CN"');
  });

  it.each(['/inbox', '/desk', '/tickets/PL20261123000001', '/login?redirect=%2Finbox', '/supervision/'])(
    'answers the deep link %s with the console page (history fallback)',
    async (url) => {
      const res = await t.app.inject({ url, headers: { accept: HTML } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe(INDEX_CACHE);
      expect(res.body).toContain('<div id="app"></div>');
    },
  );

  it.each([
    ['/api/nothing-here', HTML],
    ['/api/nothing-here', 'application/json'],
    ['/api', HTML],
    ['/socket.io/nothing', HTML],
    ['/favicon.ico', 'image/*'],
    ['/assets/gone-1234.js', HTML],
    ['/..%2f..%2fpackage.json', 'application/json'],
  ])('keeps the JSON 404 for %s (accept %s)', async (url, accept) => {
    const res = await t.app.inject({ url, headers: { accept } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('still answers the API (a private route without a session is 401, not the console)', async () => {
    const res = await t.app.inject({ url: '/api/tickets', headers: { accept: HTML } });
    expect(res.statusCode).toBe(401);
  });

  it('serves hashed assets with a year of immutable cache, precompressed when the browser takes it', async () => {
    expect(asset).toMatch(/^\/assets\/index-[\w-]+\.js$/);
    const plain = await t.app.inject({ url: asset });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.headers['cache-control']).toBe(ASSET_CACHE);
    const br = await t.app.inject({ url: asset, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(ASSET_CACHE);
    expect(Number(br.headers['content-length'])).toBeLessThan(Number(plain.headers['content-length']));
  });

  it('answers HEAD like GET', async () => {
    const res = await t.app.inject({ method: 'HEAD', url: '/inbox', headers: { accept: HTML } });
    expect(res.statusCode).toBe(200);
  });
});

describe('when the console is not built', () => {
  const dir = mkdtempSync(join(tmpdir(), 'console-missing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says so on / and deep links instead of failing, and the API 404 stays JSON', async () => {
    const app = Fastify({ logger: false });
    await app.register(errorPlugin);
    await app.register(fp(async () => {}, { name: 'auth' }));
    await app.register(consolePlugin, { distDir: join(dir, 'dist') });
    const page = await app.inject({ url: '/inbox', headers: { accept: HTML } });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('控制台尚未构建');
    expect(page.body).toContain('npm run build:console');
    const api = await app.inject({ url: '/api/x', headers: { accept: HTML } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'NOT_FOUND' });
    await app.close();
  });
});

describe('ensureConsoleBuilt', () => {
  const root = mkdtempSync(join(tmpdir(), 'console-root-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('knows a build is stale when missing or older than any source', () => {
    mkdirSync(join(root, 'src', 'views'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<html></html>');
    writeFileSync(join(root, 'vite.config.ts'), 'export default {}');
    writeFileSync(join(root, 'src', 'views', 'A.vue'), '<template></template>');
    expect(consoleIsStale(root)).toBe(true);
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'index.html'), '<html></html>');
    const past = new Date(Date.now() - 60_000);
    for (const f of ['index.html', 'vite.config.ts', 'src/views/A.vue', 'src/views', 'src'])
      utimesSync(join(root, f), past, past);
    expect(consoleIsStale(root)).toBe(false);
    writeFileSync(join(root, 'src', 'views', 'A.vue'), '<template>changed</template>');
    expect(consoleIsStale(root)).toBe(true);
  });

  it.each(['false', '0', 'off'])('is skipped with CONSOLE_BUILD=%s', async (value) => {
    expect(await ensureConsoleBuilt({ root, env: { CONSOLE_BUILD: value } })).toBe('skipped');
  });

  it('reports a failed build without throwing', async () => {
    writeFileSync(join(root, 'vite.config.ts'), "throw new Error('broken config');");
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    const errors: string[] = [];
    const result = await ensureConsoleBuilt({
      root,
      env: {},
      log: { info: () => {}, error: (_err, msg) => errors.push(msg) },
    });
    expect(result).toBe('failed');
    expect(errors).toHaveLength(1);
  }, 60_000);
});
