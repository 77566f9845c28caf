import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';

// Found by the property-based fuzz (test/security/fuzz): request bodies were spread into the row, so a
// column the API does not expose (`id`, `username`, `passwordHash`, `createdAt`) could be written, and a
// value of the wrong type for it answered 500.
let t: TestApp;
let admin: ReturnType<typeof client>;
const rows = (table: string) => t.database.sqlite.prepare(`select * from ${table} order by id`).all();

beforeEach(async () => {
  t = await buildTestApp();
  admin = client(t, await t.login('admin'));
});
afterEach(async () => t.close());

describe('directory bodies with fields the API does not have', () => {
  it.each([
    ['POST', '/api/departments', { code: 'x1', name: '部门', level: 'city', id: 2.2e258 }, 'id'],
    [
      'POST',
      '/api/departments',
      { code: 'x2', name: '部门', level: 'city', createdAt: 'yesterday' },
      'createdAt',
    ],
    ['POST', '/api/categories', { code: 'x3', name: '分类', id: 1 }, 'id'],
    [
      'POST',
      '/api/users',
      { username: 'u1', displayName: 'u', role: 'admin', password: 'password-1', passwordHash: 'x' },
      'passwordHash',
    ],
  ] as const)(
    '%s %s refuses the extra field with 400 naming it, and stores nothing',
    async (method, url, body, field) => {
      const before = [rows('departments'), rows('categories'), rows('users')];
      const res = await t.app.inject({
        method,
        url,
        payload: body,
        headers: { authorization: `Bearer ${await t.login('admin')}` },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field });
      expect([rows('departments'), rows('categories'), rows('users')]).toEqual(before);
    },
  );

  it('refuses to rename a user or move its id through PATCH (400), leaving the row as it was', async () => {
    const id = t.user('operator2').id;
    const before = rows('users');
    for (const patch of [
      { displayName: 'x', username: 'admin2' },
      { displayName: 'x', id: 999 },
    ]) {
      const res = await admin.patch(`/api/users/${id}`, patch);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ field: Object.keys(patch)[1] });
    }
    expect(rows('users')).toEqual(before);
  });

  it('refuses extra fields on department and category patches', async () => {
    const dept = t.dir.dept.zjj;
    const res = await admin.patch(`/api/departments/${dept}`, { name: '新名', id: 777 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'id' });
    const cat = await admin.patch(`/api/categories/${t.dir.categoryId}`, {
      name: '新名',
      code: 'C9',
      createdAt: 1,
    });
    expect(cat.statusCode).toBe(400);
    expect(cat.json()).toMatchObject({ field: 'createdAt' });
  });
});
