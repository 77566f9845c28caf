// The app, the Yantai stand-in and the table snapshots the inbound bridge tests share.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.js';
import { createYantai } from '../../helpers/yantai.js';

/** The app of the running test (set before each test by `useInboundApp`, or by `restartApp`). */
export let t: TestApp;

/**
 * Plays Yantai for the whole file and builds a fresh app before each test, closing it after. Registers
 * its own hooks: call it once at the top of a test file.
 */
export function useInboundApp(): void {
  const yantai = createYantai();
  beforeAll(() => yantai.listen());
  afterAll(() => yantai.close());
  beforeEach(async () => {
    yantai.reset();
    t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
  });
  afterEach(async () => t.close());
}

/** Restarts this test's app on the same database (a server restart). */
export async function restartApp(): Promise<void> {
  t = await t.restart();
}

/** Rows of every table a refused request must leave alone. */
export function snapshot() {
  const q = (sql: string) => t.database.sqlite.prepare(sql).all();
  return {
    tickets: q('select * from tickets'),
    events: q('select * from ticket_events'),
    nonces: q('select * from upstream_nonces'),
    notices: q('select * from upstream_notices'),
    outbox: q('select * from upstream_outbox'),
  };
}

/** Every table but the nonces: a signed request refused after its signature keeps only its nonce. */
export function work() {
  const { nonces: _, ...rest } = snapshot();
  return rest;
}
