import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';

// Found by the property-based fuzz (test/security/fuzz): Ajv coerces the strings `Infinity` and `1e400`
// into integers and then skips minimum/maximum for them, so `GET /api/calls?limit=Infinity` reached
// SQLite and answered 500.
let t: TestApp;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  t = await buildTestApp();
  admin = client(t, await t.login('admin'));
});
afterAll(async () => t.close());

describe('numbers that are not finite', () => {
  it.each([
    ['/api/calls?limit=Infinity', 'limit'],
    ['/api/calls?limit=1e400', 'limit'],
    ['/api/upstream/outbox?limit=Infinity', 'limit'],
    ['/api/tickets?pageSize=Infinity', 'pageSize'],
    ['/api/tickets?page=1e400', 'page'],
    ['/api/tickets?department=-Infinity', 'department'],
  ])('GET %s answers 400 naming %s', async (url, field) => {
    const res = await admin.get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', field });
  });

  it('are refused in a body too, and nothing is stored', async () => {
    const policy = (await admin.get('/api/policy/deadlines')).json() as {
      rules: { handle: { amount: unknown } }[];
    };
    const broken = structuredClone(policy);
    broken.rules[0]!.handle.amount = 'Infinity';
    const res = await admin.put('/api/policy/deadlines', broken);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'rules.0.handle.amount' });
    expect((await admin.get('/api/policy/deadlines')).json()).toEqual(policy);
  });
});
