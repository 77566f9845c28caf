// Debian's Chromium driven by playwright-core (never a downloaded browser): one browser per test file, one
// context per user (its own cookies, storage and socket), a screenshot of every view a test passes through,
// and every page error or console error failing the test.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { PASSWORD } from './server.js';

/** `CHROMIUM_PATH`, or the system one. */
export const CHROMIUM =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export const ARTIFACTS = resolve(fileURLToPath(new URL('.', import.meta.url)), '../artifacts');

export function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('no Chromium: install the chromium package or set CHROMIUM_PATH');
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** `[data-test="…"]`: the only way the tests pick elements (agent-console/README.md, Conventions). */
export const tid = (name: string) => `[data-test="${name}"]`;
/** `[data-test^="…"]` */
export const tidPrefix = (prefix: string) => `[data-test^="${prefix}"]`;

export interface UserPage {
  username: string;
  context: BrowserContext;
  page: Page;
  /** `page.locator('[data-test="name"]')` */
  el(name: string): Locator;
  /** Logs in through the login form; lands on the role's home view. */
  login(home: string): Promise<void>;
  /** Saves `artifacts/<test>/<nn>-<view>.png` (the viewport, or the whole page). */
  shot(view: string, opts?: { fullPage?: boolean }): Promise<string>;
}

/**
 * One end-to-end test: its browsers contexts, its screenshots under `test/e2e/artifacts/<name>/` (emptied
 * first), and the errors its pages reported. `check()` fails on any page error or unexpected console error.
 */
export class E2ESession {
  readonly dir: string;
  private n = 0;
  private readonly users: UserPage[] = [];
  readonly errors: string[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly url: string,
    name: string,
    /** Console errors to accept (besides the 401 of /api/auth/me on a logged-out load). */
    private readonly ignore: RegExp[] = [],
  ) {
    this.dir = join(ARTIFACTS, name);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  async user(username: string): Promise<UserPage> {
    const context = await this.browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => this.errors.push(`[${username}] page error: ${err.stack ?? err.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location().url ?? '';
      const text = msg.text();
      // Loading the console logged out asks who is logged in: that 401 is the expected answer.
      if (/status of 401/.test(text) && /\/api\/auth\/me(\?|$)/.test(where)) return;
      if (this.ignore.some((re) => re.test(text) || re.test(where))) return;
      this.errors.push(`[${username}] console error: ${text}${where ? ` (${where})` : ''}`);
    });
    const el = (name: string) => page.locator(tid(name));
    const user: UserPage = {
      username,
      context,
      page,
      el,
      login: async (home) => {
        await page.goto(`${this.url}/`);
        await el('login-username').waitFor();
        await user.shot(`${username}-login`);
        await el('login-username').fill(username);
        await el('login-password').fill(PASSWORD);
        await el('login-submit').click();
        await el(`view-${home}`).waitFor();
        await el('user-name').waitFor();
      },
      shot: (view, opts) => this.shot(page, view, opts),
    };
    this.users.push(user);
    return user;
  }

  async shot(page: Page, view: string, opts: { fullPage?: boolean } = {}): Promise<string> {
    this.n += 1;
    const file = join(this.dir, `${String(this.n).padStart(2, '0')}-${view.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
    return file;
  }

  /** A screenshot of every user's page (when a test fails: what each user saw). */
  async shootAll(label: string): Promise<void> {
    for (const u of this.users) await u.shot(`${u.username}-${label}`).catch(() => undefined);
  }

  /** Throws when a page reported an error. */
  check(): void {
    if (this.errors.length) throw new Error(`the console reported errors:\n${this.errors.join('\n')}`);
  }

  async close(): Promise<void> {
    for (const u of this.users) await u.context.close().catch(() => undefined);
  }
}
