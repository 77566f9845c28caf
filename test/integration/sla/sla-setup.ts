// The app, logins and steps the deadline-policy and working-calendar API tests share.
import { afterEach, beforeEach, expect } from 'vitest';
import { DEFAULT_POLICY, type DeadlinePolicy } from '../../../server/sla/policy.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';

type Client = ReturnType<typeof client>;

/** The app of the running test (set before each test by `useSlaApp`). */
export let t: TestApp;
export let admin: Client;
export let operator: Client;
export let dispatcher: Client;

/**
 * Builds a fresh app before each test, logs in the admin, an operator and a dispatcher, and closes the app
 * after. Registers its own beforeEach and afterEach: call it once at the top of a test file.
 */
export function useSlaApp(): void {
  beforeEach(async () => {
    t = await buildTestApp();
    admin = client(t, await t.login('admin'));
    operator = client(t, await t.login('operator1'));
    dispatcher = client(t, await t.login('dispatcher1'));
  });
  afterEach(async () => {
    await t.close();
  });
}

/** A copy of the default policy with the general rule for `urgency` changed. */
export function policyWith(
  urgency: 'normal' | 'urgent',
  change: Partial<DeadlinePolicy['rules'][number]>,
): DeadlinePolicy {
  const policy = structuredClone(DEFAULT_POLICY);
  const rule = policy.rules.find((r) => r.urgency === urgency && r.appealType === null)!;
  Object.assign(rule, change);
  return policy;
}

/** Registers, submits and dispatches a ticket to 区住建局; answers its lead assignment's deadlines (epoch ms). */
export async function dispatchTicket(overrides: Parameters<typeof buildTicketInput>[0] = {}) {
  const registered = await operator.post('/api/tickets', buildTicketInput(overrides));
  expect(registered.statusCode).toBe(201);
  const no = registered.json().no as string;
  expect((await operator.post(`/api/tickets/${no}/actions/submit`, {})).statusCode).toBe(200);
  const dispatched = await dispatcher.post(`/api/tickets/${no}/actions/dispatch`, { lead: t.dir.dept.zjj });
  expect(dispatched.statusCode).toBe(200);
  const lead = (dispatched.json().assignments as { role: string; signDueAt: string; dueAt: string }[]).find(
    (a) => a.role === 'lead',
  );
  expect(lead).toBeDefined();
  return { signDueAt: Date.parse(lead!.signDueAt), dueAt: Date.parse(lead!.dueAt) };
}

/** Epoch ms of a China Standard Time wall-clock reading, 'YYYY-MM-DDTHH:MM'. */
export const cst = (local: string) => Date.parse(`${local}:00+08:00`);
