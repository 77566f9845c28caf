// What the 办理时限 page is told when a policy or working hours cannot be taken: the field, and the reason said
// once, in words (the reason once came out as `rules.2: rules.2: 与另一条规则…`, a path the admin does not read).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type DeadlinePolicy } from '../../../server/sla/policy.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';

let t: TestApp;
let admin: ReturnType<typeof client>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = client(t, await t.login('admin'));
});
afterAll(async () => t.close());

const policy = () => structuredClone(DEFAULT_POLICY) as DeadlinePolicy;

describe('PUT /api/policy/deadlines refused', () => {
  it.each<[string, (p: DeadlinePolicy) => void, string, string]>([
    [
      'two rules for the same urgency and appeal type',
      (p) => p.rules.push(structuredClone(p.rules[0]!)),
      `rules.${DEFAULT_POLICY.rules.length}`,
      '与另一条规则的紧急程度和诉求类型重复',
    ],
    [
      'no general rule for urgent tickets',
      (p) => {
        p.rules = p.rules.filter((r) => r.urgency !== 'urgent' || r.appealType !== null);
        p.rules.push({ ...structuredClone(p.rules[0]!), urgency: 'urgent', appealType: 'complaint' });
      },
      'rules',
      '须保留「紧急」的通用规则（诉求类型为全部）',
    ],
    [
      'a clock that would end more than a year away',
      (p) => {
        p.rules[0]!.handle = { unit: 'working_days', amount: 300 };
      },
      'rules.0.handle',
      '按现在的工作时间，该时限要一年以后才到期',
    ],
  ])('%s: 400 naming the field, the reason said once', async (_name, spoil, field, reason) => {
    const p = policy();
    spoil(p);
    const res = await admin.put('/api/policy/deadlines', p);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'BAD_REQUEST',
      field,
      message: `${field}: ${reason}`,
    });
    expect((await admin.get('/api/policy/deadlines')).json()).toEqual(DEFAULT_POLICY);
  });
});

describe('PUT /api/calendar/hours refused', () => {
  it('says which rule’s clock the hours are too short for, by its number and name', async () => {
    const p = policy();
    const index = p.rules.findIndex((r) => r.urgency === 'normal' && r.appealType === null);
    p.rules[index]!.handle = { unit: 'working_hours', amount: 100 };
    expect((await admin.put('/api/policy/deadlines', p)).statusCode).toBe(200);

    const res = await admin.put('/api/calendar/hours', [{ start: '08:00', end: '08:01' }]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({
      field: 'hours',
      message: `hours: 工作时间太短：按此工作时间，第 ${index + 1} 条时限规则的办理时限要一年以后才到期`,
    });
  });
});
