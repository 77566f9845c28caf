// The app, logins and steps the ticket list, view and other-path tests share.
import { afterEach, beforeEach, expect } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';

export type Page = { items: TicketView[]; total: number; page: number; pageSize: number };
export type Detail = TicketView & {
  events: { action: string; from: string | null; to: string; actor: string }[];
};

/** The app of the running test (set before each test by `useListApp`). */
export let t: TestApp;
/** A client per logged-in user, by username. */
export let as: Record<string, ReturnType<typeof client>>;

/**
 * Builds a fresh app before each test (Monday 2026-11-23 09:00), logs in the users the list and view tests
 * act as, and closes the app after. Registers its own beforeEach and afterEach: call it once at the top of
 * a test file.
 */
export function useListApp(): void {
  beforeEach(async () => {
    t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
    as = {};
    for (const name of [
      'operator1',
      'dispatcher1',
      'supervisor1',
      'handler.zjj',
      'handler.jtj',
      'handler.scjg',
      'handler.ljgz',
      'handler.ljgzA',
    ]) {
      as[name] = client(t, await t.login(name));
    }
  });
  afterEach(async () => t.close());
}

export async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
export async function register(overrides = {}) {
  return ((await as.operator1!.post('/api/tickets', buildTicketInput(overrides))).json() as TicketView).no;
}
export async function list(who: string, query = ''): Promise<Page> {
  const res = await as[who]!.get(`/api/tickets${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}
export const nos = (p: Page) => p.items.map((i) => i.no).sort();
