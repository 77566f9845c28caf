// The listening app and gateway connections the CTI tests share.
import { afterEach, beforeEach } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { connectGateway } from '../../helpers/gateway.js';

export const TOKEN = 'test-cti-token-0123456789';
/** The app of the running test (set before each test by `useCtiApp`, or by `restartWith`). */
export let t: TestApp;
/** The address `t` listens on. */
export let url: string;
/** Closers run after each test: sockets a test opened. */
export const cleanup: (() => void)[] = [];

async function start(env: Record<string, string>): Promise<void> {
  t = await buildTestApp({ start: new Date().toISOString(), env: { CTI_TOKEN: TOKEN, ...env } });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
}

/**
 * Builds a fresh app listening on a free port before each test, and closes it and what the test opened
 * after. Registers its own beforeEach and afterEach: call it once at the top of a test file.
 */
export function useCtiApp(): void {
  beforeEach(async () => {
    await start({ WRAP_UP_SEC: '60' });
  });
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) fn();
    await t.close();
  });
}

/** Stops this test's app and starts a listening one with the CTI token and `env` instead. */
export async function restartWith(env: Record<string, string>): Promise<void> {
  await t.close();
  await start(env);
}

export async function gateway(opts: { ack?: boolean } = {}) {
  const g = await connectGateway(url, TOKEN, opts);
  cleanup.push(() => g.close());
  return g;
}
