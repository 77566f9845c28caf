import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type DeadlinePolicy } from '../../../server/sla/policy.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';

type Client = ReturnType<typeof client>;

let t: TestApp;
let admin: Client;
let operator: Client;
let dispatcher: Client;

beforeEach(async () => {
  t = await buildTestApp();
  admin = client(t, await t.login('admin'));
  operator = client(t, await t.login('operator1'));
  dispatcher = client(t, await t.login('dispatcher1'));
});
afterEach(async () => {
  await t.close();
});

/** A copy of the default policy with the general rule for `urgency` changed. */
function policyWith(
  urgency: 'normal' | 'urgent',
  change: Partial<DeadlinePolicy['rules'][number]>,
): DeadlinePolicy {
  const policy = structuredClone(DEFAULT_POLICY);
  const rule = policy.rules.find((r) => r.urgency === urgency && r.appealType === null)!;
  Object.assign(rule, change);
  return policy;
}

/** Registers, submits and dispatches a ticket to 区住建局; answers its lead assignment's deadlines (epoch ms). */
async function dispatchTicket(overrides: Parameters<typeof buildTicketInput>[0] = {}) {
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
const cst = (local: string) => Date.parse(`${local}:00+08:00`);

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
    expect(res.json()).toMatchObject({ field: 'hours', message: expect.stringContaining('rules.0.handle') });
    expect((await dispatchTicket()).dueAt).toBeGreaterThan(t.clock.now());
  });
});

describe('GET/PUT /api/calendar/hours', () => {
  const DEFAULT_HOURS = [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ];

  it('shows the default working hours to any logged-in user', async () => {
    const res = await operator.get('/api/calendar/hours');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULT_HOURS);
  });

  it('lets an admin change the working hours', async () => {
    const hours = [
      { start: '09:00', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ];
    const res = await admin.put('/api/calendar/hours', hours);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(hours);
    expect((await operator.get('/api/calendar/hours')).json()).toEqual(hours);
  });

  it('refuses a non-admin changing the working hours (403)', async () => {
    const res = await operator.put('/api/calendar/hours', [{ start: '09:00', end: '17:00' }]);
    expect(res.statusCode).toBe(403);
    expect((await operator.get('/api/calendar/hours')).json()).toEqual(DEFAULT_HOURS);
  });

  it.each([
    ['a period that ends before it starts', [{ start: '17:00', end: '09:00' }]],
    [
      'overlapping periods',
      [
        { start: '08:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ],
    ],
    ['a time past midnight', [{ start: '09:00', end: '24:30' }]],
  ])('refuses %s (400 naming hours)', async (_name, hours) => {
    const res = await admin.put('/api/calendar/hours', hours);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('hours');
    expect((await admin.get('/api/calendar/hours')).json()).toEqual(DEFAULT_HOURS);
  });

  it('refuses no periods at all or a malformed time (400)', async () => {
    expect((await admin.put('/api/calendar/hours', [])).statusCode).toBe(400);
    expect((await admin.put('/api/calendar/hours', [{ start: '9:00', end: '17:00' }])).statusCode).toBe(400);
  });
});

describe('GET /api/calendar/days', () => {
  it('lists the official National Day holiday and its make-up working Saturday', async () => {
    const res = await operator.get('/api/calendar/days?from=2026-10-01&to=2026-10-11');
    expect(res.statusCode).toBe(200);
    const days = res.json() as { date: string; work: boolean; source: string; note: string | null }[];
    expect(days.map((d) => d.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
      '2026-10-11',
    ]);
    expect(days[0]).toEqual({ date: '2026-10-01', work: false, source: 'official', note: '国庆节' });
    expect(days.slice(0, 7).every((d) => !d.work)).toBe(true);
    expect(days[7]).toEqual({ date: '2026-10-08', work: true, source: 'official', note: null });
    expect(days[9]).toEqual({ date: '2026-10-10', work: true, source: 'official', note: '国庆节' });
    expect(days[10]).toMatchObject({ date: '2026-10-11', work: false });
  });

  it('lists a plain weekend as days off and weekdays as working days', async () => {
    const days = (await operator.get('/api/calendar/days?from=2026-11-27&to=2026-11-30')).json();
    expect(days.map((d: { work: boolean }) => d.work)).toEqual([true, false, false, true]);
  });

  it('lists the official schedule the same whatever the server’s time zone', async () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      const days = (await operator.get('/api/calendar/days?from=2026-10-01&to=2026-10-11')).json() as {
        date: string;
        work: boolean;
      }[];
      expect(days.filter((d) => d.work).map((d) => d.date)).toEqual([
        '2026-10-08',
        '2026-10-09',
        '2026-10-10',
      ]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('answers 401 without a login', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/calendar/days?from=2026-10-01&to=2026-10-02',
    });
    expect(res.statusCode).toBe(401);
  });

  it.each([
    ['from=2026-10-01', 'to'],
    ['to=2026-10-01', 'from'],
    ['from=2026-10-01&to=2026-13-01', 'to'],
    ['from=2026-02-30&to=2026-03-01', 'from'],
    ['from=2026-10-10&to=2026-10-01', 'to'],
    ['from=2026-01-01&to=2027-12-31', 'to'],
    ['from=0000-01-01&to=0000-01-03', 'from'],
    ['from=2026-01-01&to=2126-01-01', 'to'],
  ])('answers 400 for ?%s, naming %s', async (query, field) => {
    const res = await operator.get(`/api/calendar/days?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
  });
});

describe('PUT/DELETE /api/calendar/days/{date}', () => {
  it('lets an admin make a working day a day off, with a note', async () => {
    const res = await admin.put('/api/calendar/days/2026-11-30', { work: false, note: '暴雪停工' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-11-30', work: false, source: 'override', note: '暴雪停工' });
    const days = (await operator.get('/api/calendar/days?from=2026-11-30&to=2026-12-01')).json();
    expect(days).toEqual([
      { date: '2026-11-30', work: false, source: 'override', note: '暴雪停工' },
      { date: '2026-12-01', work: true, source: 'official', note: null },
    ]);
  });

  it('lets an admin make a Sunday a working day without a note', async () => {
    const res = await admin.put('/api/calendar/days/2026-11-29', { work: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ date: '2026-11-29', work: true, source: 'override', note: null });
  });

  it('overrides an official holiday, and changes an override when set again', async () => {
    await admin.put('/api/calendar/days/2026-10-02', { work: true, note: '值班' });
    const again = await admin.put('/api/calendar/days/2026-10-02', { work: false, note: '恢复放假' });
    expect(again.statusCode).toBe(200);
    const [day] = (await operator.get('/api/calendar/days?from=2026-10-02&to=2026-10-02')).json();
    expect(day).toEqual({ date: '2026-10-02', work: false, source: 'override', note: '恢复放假' });
  });

  it('removes an override (204), going back to the official schedule', async () => {
    await admin.put('/api/calendar/days/2026-10-10', { work: false });
    const res = await admin.delete('/api/calendar/days/2026-10-10');
    expect(res.statusCode).toBe(204);
    const [day] = (await operator.get('/api/calendar/days?from=2026-10-10&to=2026-10-10')).json();
    expect(day).toEqual({ date: '2026-10-10', work: true, source: 'official', note: '国庆节' });
  });

  it('answers 404 for removing an override that does not exist', async () => {
    expect((await admin.delete('/api/calendar/days/2026-11-30')).statusCode).toBe(404);
  });

  it.each(['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj'])(
    'refuses %s setting or removing a day (403)',
    async (username) => {
      await admin.put('/api/calendar/days/2026-11-30', { work: false });
      const c = client(t, await t.login(username));
      expect((await c.put('/api/calendar/days/2026-12-01', { work: false })).statusCode).toBe(403);
      expect((await c.delete('/api/calendar/days/2026-11-30')).statusCode).toBe(403);
      const days = (await c.get('/api/calendar/days?from=2026-11-30&to=2026-12-01')).json();
      expect(days.map((d: { source: string }) => d.source)).toEqual(['override', 'official']);
    },
  );

  it('refuses a date that does not exist or a body without work (400)', async () => {
    expect((await admin.put('/api/calendar/days/2026-02-30', { work: false })).statusCode).toBe(400);
    expect((await admin.put('/api/calendar/days/20261130', { work: false })).statusCode).toBe(400);
    // A day in the years 0–99 was stored, and every deadline read after it answered 500.
    const ancient = await admin.put('/api/calendar/days/0050-06-01', { work: true });
    expect(ancient.statusCode).toBe(400);
    expect(ancient.json().field).toBe('date');
    expect((await operator.get('/api/tickets')).statusCode).toBe(200);
    const noWork = await admin.put('/api/calendar/days/2026-11-30', { note: 'x' });
    expect(noWork.statusCode).toBe(400);
    expect(noWork.json().field).toBe('work');
  });
});

describe('deadlines of dispatched tickets', () => {
  beforeEach(() => {
    // Friday 09:00: a normal ticket's clocks run over the weekend into the next week.
    t.clock.set('2026-11-27T09:00:00+08:00');
  });

  it('gives a normal ticket 1 working day to sign and 5 to handle, skipping the weekend', async () => {
    const due = await dispatchTicket();
    expect(due.signDueAt).toBe(cst('2026-11-30T09:00'));
    expect(due.dueAt).toBe(cst('2026-12-04T09:00'));
  });

  it('skips a normal Monday made a holiday by override', async () => {
    expect(
      (await admin.put('/api/calendar/days/2026-11-30', { work: false, note: '临时放假' })).statusCode,
    ).toBe(200);
    const due = await dispatchTicket();
    expect(due.signDueAt).toBe(cst('2026-12-01T09:00'));
    expect(due.dueAt).toBe(cst('2026-12-07T09:00'));
  });

  it('counts the Monday again once the override is removed', async () => {
    await admin.put('/api/calendar/days/2026-11-30', { work: false });
    await admin.delete('/api/calendar/days/2026-11-30');
    const due = await dispatchTicket();
    expect(due.signDueAt).toBe(cst('2026-11-30T09:00'));
  });

  it('counts a Saturday made a working day by override', async () => {
    await admin.put('/api/calendar/days/2026-11-28', { work: true, note: '加班' });
    const due = await dispatchTicket();
    expect(due.signDueAt).toBe(cst('2026-11-28T09:00'));
    expect(due.dueAt).toBe(cst('2026-12-03T09:00'));
  });

  it('follows a changed policy: normal tickets handled in 3 working days', async () => {
    await admin.put('/api/calendar/days/2026-11-30', { work: false });
    const put = await admin.put(
      '/api/policy/deadlines',
      policyWith('normal', { handle: { unit: 'working_days', amount: 3 } }),
    );
    expect(put.statusCode).toBe(200);
    const due = await dispatchTicket();
    expect(due.signDueAt).toBe(cst('2026-12-01T09:00'));
    expect(due.dueAt).toBe(cst('2026-12-03T09:00'));
  });

  it('uses an appeal type’s own rule over the general one', async () => {
    const policy = structuredClone(DEFAULT_POLICY);
    policy.rules.push({
      ...structuredClone(policy.rules[0]!),
      appealType: 'consult',
      handle: { unit: 'working_days', amount: 2 },
    });
    expect((await admin.put('/api/policy/deadlines', policy)).statusCode).toBe(200);
    const consult = await dispatchTicket({ appealType: 'consult' });
    const complaint = await dispatchTicket({ appealType: 'complaint' });
    expect(consult.dueAt).toBe(cst('2026-12-01T09:00'));
    expect(complaint.dueAt).toBe(cst('2026-12-04T09:00'));
  });

  it('runs an urgent ticket’s clocks on the wall clock, holidays or not', async () => {
    await admin.put('/api/calendar/days/2026-11-27', { work: false });
    const due = await dispatchTicket({ urgency: 'urgent' });
    expect(due.signDueAt).toBe(cst('2026-11-27T09:30'));
    expect(due.dueAt).toBe(cst('2026-11-28T09:00'));
  });

  it('counts working hours with the configured hours', async () => {
    const policy = policyWith('normal', { sign: { unit: 'working_hours', amount: 2 } });
    expect((await admin.put('/api/policy/deadlines', policy)).statusCode).toBe(200);
    t.clock.set('2026-11-27T17:00:00+08:00');
    // 08:30–12:00, 13:30–17:30: half an hour on Friday, an hour and a half on Monday.
    expect((await dispatchTicket()).signDueAt).toBe(cst('2026-11-30T10:00'));
    expect((await admin.put('/api/calendar/hours', [{ start: '09:00', end: '17:00' }])).statusCode).toBe(200);
    // 09:00–17:00: Friday is over, two hours on Monday.
    expect((await dispatchTicket()).signDueAt).toBe(cst('2026-11-30T11:00'));
  });

  it('follows the official National Day holiday and its make-up Saturday', async () => {
    t.clock.set('2026-09-30T09:00:00+08:00');
    const due = await dispatchTicket();
    // 10-01…10-07 off; 10-08 Thu, 10-09 Fri, 10-10 Sat (make-up), 10-12 Mon, 10-13 Tue.
    expect(due.signDueAt).toBe(cst('2026-10-08T09:00'));
    expect(due.dueAt).toBe(cst('2026-10-13T09:00'));
  });
});
