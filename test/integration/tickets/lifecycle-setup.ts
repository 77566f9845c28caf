// The app and logins the ticket lifecycle tests share, with the steps they take through the API.
import { afterEach, beforeEach, expect } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';

export type Detail = TicketView & {
  events: {
    seq: number;
    action: string;
    from: string | null;
    to: string;
    actor: string;
    note: string | null;
  }[];
};

/** The app of the running test (set before each test by `useLifecycleApp`). */
export let t: TestApp;
/** A client per logged-in user, by username. */
export let as: Record<string, ReturnType<typeof client>>;

/**
 * Builds a fresh app before each test, logs in the users the lifecycle tests act as, and closes the app
 * after. Registers its own beforeEach and afterEach: call it once at the top of a test file.
 */
export function useLifecycleApp(): void {
  beforeEach(async () => {
    // Monday 2026-11-23 09:00 China time: an ordinary working week.
    t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
    as = {};
    for (const name of [
      'operator1',
      'dispatcher1',
      'supervisor1',
      'handler.zjj',
      'handler.scjg',
      'handler.jtj',
      'handler.ljgz',
      'handler.ljgzA',
      'handler.ljgzB',
      'handler.dzjd',
    ]) {
      as[name] = client(t, await t.login(name));
    }
  });
  afterEach(async () => t.close());
}

export async function act(who: string, no: string, action: string, body: object = {}): Promise<TicketView> {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
export async function detail(who: string, no: string): Promise<Detail> {
  const res = await as[who]!.get(`/api/tickets/${no}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}
export async function register(overrides = {}): Promise<string> {
  const res = await as.operator1!.post('/api/tickets', buildTicketInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as TicketView).no;
}
export async function visibleTo(who: string, no: string): Promise<boolean> {
  const one = await as[who]!.get(`/api/tickets/${no}`);
  const list = await as[who]!.get('/api/tickets?pageSize=200');
  const listed = (list.json() as { items: TicketView[] }).items.some((i) => i.no === no);
  expect(listed, `${who} list and detail agree about ${no}`).toBe(one.statusCode === 200);
  return one.statusCode === 200;
}
