import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

/** A Chromium to drive: `CHROMIUM_PATH`, or the system one. The test is skipped on machines without one. */
const CHROMIUM =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);

describe.skipIf(!CHROMIUM)('the Content-Security-Policy in a real browser', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  beforeAll(async () => {
    t = await buildTestApp({ start: new Date().toISOString() });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  /** Opens a page and returns what it shows and every CSP violation the browser reported. */
  async function open(path: string, shows?: RegExp) {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${url}${path}`, { waitUntil: 'networkidle' });
    // Swagger UI draws the spec a moment after its fetch: wait for what it should show (or time out and fail).
    if (shows)
      await page
        .locator('body', { hasText: shows })
        .waitFor({ timeout: 10_000 })
        .catch(() => {});
    const text = (await page.locator('body').textContent()) ?? '';
    await page.close();
    return { text, violations };
  }

  it('lets the Swagger UI at /api/docs render the API with nothing refused', async () => {
    const { text, violations } = await open('/api/docs/', /\/api\/tickets/);
    expect(violations).toEqual([]);
    expect(text).toContain('/api/tickets');
  });

  it('lets the agent console (or its not-built notice) at / render with nothing refused', async () => {
    const { text, violations } = await open('/');
    expect(violations).toEqual([]);
    expect(text).toMatch(/登录|坐席控制台尚未构建/);
  });

  it('refuses an inline script a page did not ship (the policy is really enforced)', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${url}/api/docs/`, { waitUntil: 'networkidle' });
    // Strings, not functions: they run in the page, and this project type-checks without the DOM library.
    await page.evaluate(
      "(() => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.appendChild(s); })()",
    );
    const injected = await page.evaluate('window.__injected');
    await page.close();
    expect(injected).toBeUndefined();
    expect(violations.length).toBeGreaterThan(0);
  });
});
