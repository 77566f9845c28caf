import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type DeadlinePolicy } from '../../../server/sla/policy.js';
import { client } from '../../helpers/app.js';
import { admin, dispatchTicket, operator, policyWith, t, useSlaApp } from './sla-setup.js';

useSlaApp();

describe('GET/PUT /api/policy/deadlines', () => {
  it('shows the default policy to any logged-in user', async () => {
    const res = await client(t, await t.login('handler.zjj')).get('/api/policy/deadlines');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULT_POLICY);
  });

  it('answers 401 without a login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/policy/deadlines' })).statusCode).toBe(401);
  });

  it('lets an admin replace the policy, and shows the new one', async () => {
    const policy = policyWith('normal', { handle: { unit: 'working_days', amount: 3 } });
    const res = await admin.put('/api/policy/deadlines', policy);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(policy);
    expect((await operator.get('/api/policy/deadlines')).json()).toEqual(policy);
  });

  it.each(['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj'])(
    'refuses %s changing the policy (403) and keeps it',
    async (username) => {
      const c = client(t, await t.login(username));
      const res = await c.put('/api/policy/deadlines', policyWith('normal', { extensionCapDays: 30 }));
      expect(res.statusCode).toBe(403);
      expect((await c.get('/api/policy/deadlines')).json()).toEqual(DEFAULT_POLICY);
    },
  );

  it('refuses a policy without a general rule for urgent tickets (400 naming rules)', async () => {
    const normal = DEFAULT_POLICY.rules.find((r) => r.urgency === 'normal')!;
    const policy: DeadlinePolicy = {
      ...DEFAULT_POLICY,
      rules: [normal, { ...normal, appealType: 'complaint', handle: { unit: 'working_days', amount: 3 } }],
    };
    const res = await admin.put('/api/policy/deadlines', policy);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'BAD_REQUEST',
      field: 'rules',
      message: expect.stringContaining('紧急'),
    });
    expect((await admin.get('/api/policy/deadlines')).json()).toEqual(DEFAULT_POLICY);
  });

  it('refuses a policy whose only urgent rule is for one appeal type (400)', async () => {
    const policy = structuredClone(DEFAULT_POLICY);
    policy.rules[1]!.appealType = 'help';
    const res = await admin.put('/api/policy/deadlines', policy);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('rules');
  });

  it('refuses two rules for the same urgency and appeal type (400 naming the second)', async () => {
    const policy = structuredClone(DEFAULT_POLICY);
    policy.rules.push(structuredClone(policy.rules[0]!));
    const res = await admin.put('/api/policy/deadlines', policy);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('rules.2');
  });

  it.each([
    [
      'a zero clock',
      (p: DeadlinePolicy) => Object.assign(p.rules[0]!.sign, { amount: 0 }),
      'rules.0.sign.amount',
    ],
    [
      'an unknown unit',
      (p: DeadlinePolicy) => Object.assign(p.rules[0]!.handle, { unit: 'weeks' }),
      'rules.0.handle.unit',
    ],
    [
      'an unknown urgency',
      (p: DeadlinePolicy) => Object.assign(p.rules[1]!, { urgency: 'critical' }),
      'rules.1.urgency',
    ],
  ])('refuses %s (400 naming the field)', async (_name, spoil, field) => {
    const policy = structuredClone(DEFAULT_POLICY);
    spoil(policy);
    const res = await admin.put('/api/policy/deadlines', policy);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
  });
});

describe('settings under which no deadline can be worked out', () => {
  it('refuses a policy clock that would end more than a year away (400 naming it), and dispatch still works', async () => {
    const policy = policyWith('normal', { handle: { unit: 'working_hours', amount: 10_000 } });
    const res = await admin.put('/api/policy/deadlines', policy);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('rules.0.handle');
    expect((await admin.get('/api/policy/deadlines')).json()).toEqual(DEFAULT_POLICY);
    expect((await dispatchTicket()).dueAt).toBeGreaterThan(t.clock.now());
  });

  it('refuses working hours too short for the policy (400 naming hours), which made every dispatch 500', async () => {
    // 100 working hours: about 13 working days of 7.5 hours, but 6,000 days of one minute.
    const policy = policyWith('normal', { handle: { unit: 'working_hours', amount: 100 } });
    expect((await admin.put('/api/policy/deadlines', policy)).statusCode).toBe(200);
    const res = await admin.put('/api/calendar/hours', [{ start: '08:00', end: '08:01' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      field: 'hours',
      message: expect.stringContaining('条时限规则的办理时限'),
    });
    expect((await dispatchTicket()).dueAt).toBeGreaterThan(t.clock.now());
  });
});
