import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, PASSWORD, type TestApp } from '../../helpers/app.js';

let t: TestApp;
let admin: ReturnType<typeof client>;
let operator: ReturnType<typeof client>;

beforeEach(async () => {
  t = await buildTestApp();
  admin = client(t, await t.login('admin'));
  operator = client(t, await t.login('operator1'));
});
afterEach(async () => {
  await t.close();
});

interface Dept {
  id: number;
  code: string;
  name: string;
  level: string;
  parentId: number | null;
  disabled: boolean;
}

const codes = (list: { code: string }[]) => list.map((d) => d.code);

describe('/api/departments', () => {
  it('lists the department tree to any logged-in user', async () => {
    for (const username of ['operator1', 'dispatcher1', 'supervisor1', 'handler.ljgzA', 'admin']) {
      const res = await client(t, await t.login(username)).get('/api/departments');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toHaveLength(Object.keys(t.dir.dept).length);
    }
  });

  it('shows each department as {id, code, name, level, parentId}', async () => {
    const list = (await operator.get('/api/departments')).json() as Dept[];
    expect(list.find((d) => d.id === t.dir.dept.zjj)).toEqual({
      id: t.dir.dept.zjj,
      code: 'zjj',
      name: '区住房和城乡建设局',
      level: 'city',
      parentId: null,
      disabled: false,
    });
    expect(list.find((d) => d.id === t.dir.dept.ljgz)).toMatchObject({ level: 'town', parentId: null });
    expect(list.find((d) => d.id === t.dir.dept.ljgzA)).toMatchObject({
      code: 'ljgz-a',
      level: 'village',
      parentId: t.dir.dept.ljgz,
    });
  });

  it('answers 401 without a login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/departments' });
    expect(res.statusCode).toBe(401);
  });

  it('lets an admin create a city department (201)', async () => {
    const res = await admin.post('/api/departments', { code: 'sfj', name: '区司法局', level: 'city' });
    expect(res.statusCode).toBe(201);
    const created = res.json() as Dept;
    expect(created).toMatchObject({
      code: 'sfj',
      name: '区司法局',
      level: 'city',
      parentId: null,
      disabled: false,
    });
    expect(codes((await operator.get('/api/departments')).json())).toContain('sfj');
  });

  it('takes an explicit parentId: null for a city department', async () => {
    const res = await admin.post('/api/departments', {
      code: 'sfj',
      name: '区司法局',
      level: 'city',
      parentId: null,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().parentId).toBeNull();
  });

  it('lets an admin create a village under a town', async () => {
    const res = await admin.post('/api/departments', {
      code: 'ljgz-c',
      name: '大辛店村',
      level: 'village',
      parentId: t.dir.dept.ljgz,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ level: 'village', parentId: t.dir.dept.ljgz });
  });

  it.each(['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj'])(
    'refuses %s creating or changing a department (403)',
    async (username) => {
      const c = client(t, await t.login(username));
      expect((await c.post('/api/departments', { code: 'x1', name: 'X', level: 'city' })).statusCode).toBe(
        403,
      );
      expect((await c.patch(`/api/departments/${t.dir.dept.zjj}`, { name: 'X' })).statusCode).toBe(403);
    },
  );

  it.each<[string, { level: string; parentId?: keyof TestApp['dir']['dept'] | number }]>([
    ['a village without a parent', { level: 'village' }],
    ['a village under a city department', { level: 'village', parentId: 'zjj' }],
    ['a village under a village', { level: 'village', parentId: 'ljgzA' }],
    ['a town with a parent', { level: 'town', parentId: 'dzjd' }],
    ['a city department with a parent', { level: 'city', parentId: 'ljgz' }],
    ['a parent that does not exist', { level: 'village', parentId: 99999 }],
  ])('refuses %s (400 naming parentId)', async (_name, spec) => {
    const parentId = typeof spec.parentId === 'string' ? t.dir.dept[spec.parentId] : spec.parentId;
    const res = await admin.post('/api/departments', {
      code: 'new1',
      name: '新部门',
      level: spec.level,
      ...(parentId === undefined ? {} : { parentId }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field: 'parentId' });
  });

  it('refuses a duplicate code (409)', async () => {
    const res = await admin.post('/api/departments', { code: 'zjj', name: '另一个', level: 'city' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CONFLICT');
  });

  it.each([
    [{ name: 'X', level: 'city' }, 'code'],
    [{ code: 'x1', level: 'city' }, 'name'],
    [{ code: 'x1', name: 'X' }, 'level'],
    [{ code: 'x1', name: 'X', level: 'province' }, 'level'],
    [{ code: 'has space', name: 'X', level: 'city' }, 'code'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await admin.post('/api/departments', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
  });

  it('renames a department (PATCH)', async () => {
    const res = await admin.patch(`/api/departments/${t.dir.dept.zjj}`, { name: '区住建局' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: t.dir.dept.zjj, code: 'zjj', name: '区住建局', level: 'city' });
    const list = (await operator.get('/api/departments')).json() as Dept[];
    expect(list.find((d) => d.id === t.dir.dept.zjj)?.name).toBe('区住建局');
  });

  it('moves a village to another town', async () => {
    const res = await admin.patch(`/api/departments/${t.dir.dept.ljgzB}`, { parentId: t.dir.dept.dzjd });
    expect(res.statusCode).toBe(200);
    expect(res.json().parentId).toBe(t.dir.dept.dzjd);
  });

  it('refuses a change that breaks the tree rules (400 naming parentId)', async () => {
    const underCity = await admin.patch(`/api/departments/${t.dir.dept.ljgzA}`, { parentId: t.dir.dept.zjj });
    expect(underCity.statusCode).toBe(400);
    expect(underCity.json().field).toBe('parentId');
    const orphan = await admin.patch(`/api/departments/${t.dir.dept.ljgzA}`, { parentId: null });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json()).toMatchObject({
      field: 'parentId',
      message: 'parentId: 村居须隶属于一个镇街',
    });
    const cityToVillage = await admin.patch(`/api/departments/${t.dir.dept.jtj}`, { level: 'village' });
    expect(cityToVillage.statusCode).toBe(400);
    expect(cityToVillage.json().field).toBe('parentId');
  });

  it('refuses to change the level of a town that has villages (400)', async () => {
    const res = await admin.patch(`/api/departments/${t.dir.dept.ljgz}`, { level: 'city' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('level');
    const list = (await operator.get('/api/departments')).json() as Dept[];
    expect(list.find((d) => d.id === t.dir.dept.ljgz)?.level).toBe('town');
  });

  it('lets a town without villages become a city department', async () => {
    const town = (
      await admin.post('/api/departments', { code: 'xcz', name: '新城镇', level: 'town' })
    ).json();
    const res = await admin.patch(`/api/departments/${town.id}`, { level: 'city' });
    expect(res.statusCode).toBe(200);
    expect(res.json().level).toBe('city');
  });

  it('refuses taking another department’s code (409)', async () => {
    const res = await admin.patch(`/api/departments/${t.dir.dept.zjj}`, { code: 'scjg' });
    expect(res.statusCode).toBe(409);
  });

  it('answers 404 for changing a department that does not exist', async () => {
    expect((await admin.patch('/api/departments/99999', { name: 'X' })).statusCode).toBe(404);
  });

  it('answers 400 for an empty change', async () => {
    expect((await admin.patch(`/api/departments/${t.dir.dept.zjj}`, {})).statusCode).toBe(400);
  });

  it('hides a disabled department from the list unless asked for', async () => {
    const res = await admin.patch(`/api/departments/${t.dir.dept.jtj}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect(codes((await operator.get('/api/departments')).json())).not.toContain('jtj');
    const all = (await operator.get('/api/departments?includeDisabled=true')).json() as Dept[];
    expect(all.find((d) => d.code === 'jtj')?.disabled).toBe(true);
  });

  it('enables a disabled department again', async () => {
    await admin.patch(`/api/departments/${t.dir.dept.jtj}`, { disabled: true });
    await admin.patch(`/api/departments/${t.dir.dept.jtj}`, { disabled: false });
    expect(codes((await operator.get('/api/departments')).json())).toContain('jtj');
  });
});

describe('/api/categories', () => {
  it('lists the category tree to any logged-in user', async () => {
    const res = await client(t, await t.login('handler.zjj')).get('/api/categories');
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: number; code: string; parentId: number | null }[];
    const root = list.find((c) => c.code === 'C01');
    expect(root).toMatchObject({ name: '城市综合', parentId: null, disabled: false });
    expect(list.find((c) => c.id === t.dir.categoryId)).toMatchObject({ code: 'C0101', parentId: root?.id });
  });

  it('answers 401 without a login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/categories' })).statusCode).toBe(401);
  });

  it('lets an admin create a category under another (201)', async () => {
    const res = await admin.post('/api/categories', {
      code: 'C0102',
      name: '违章建筑',
      parentId: t.dir.categoryId,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'C0102', name: '违章建筑', parentId: t.dir.categoryId });
    expect(codes((await operator.get('/api/categories')).json())).toContain('C0102');
  });

  it('refuses a non-admin creating or changing a category (403)', async () => {
    expect((await operator.post('/api/categories', { code: 'C09', name: 'X' })).statusCode).toBe(403);
    expect((await operator.patch(`/api/categories/${t.dir.categoryId}`, { name: 'X' })).statusCode).toBe(403);
  });

  it('refuses a parent that does not exist (400 naming parentId)', async () => {
    const res = await admin.post('/api/categories', { code: 'C09', name: 'X', parentId: 99999 });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('parentId');
  });

  it('refuses a duplicate code (409)', async () => {
    expect((await admin.post('/api/categories', { code: 'C01', name: '重复' })).statusCode).toBe(409);
    expect((await admin.patch(`/api/categories/${t.dir.categoryId}`, { code: 'C01' })).statusCode).toBe(409);
  });

  it('renames a category (PATCH)', async () => {
    const res = await admin.patch(`/api/categories/${t.dir.categoryId}`, { name: '噪声污染' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: t.dir.categoryId, name: '噪声污染', code: 'C0101' });
  });

  it('refuses a category as its own parent (400 naming parentId)', async () => {
    const res = await admin.patch(`/api/categories/${t.dir.categoryId}`, { parentId: t.dir.categoryId });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('parentId');
  });

  it('answers 404 for changing a category that does not exist', async () => {
    expect((await admin.patch('/api/categories/99999', { name: 'X' })).statusCode).toBe(404);
  });

  it('hides a disabled category from the list unless asked for', async () => {
    expect((await admin.patch(`/api/categories/${t.dir.categoryId}`, { disabled: true })).statusCode).toBe(
      200,
    );
    expect(codes((await operator.get('/api/categories')).json())).not.toContain('C0101');
    expect(codes((await operator.get('/api/categories?includeDisabled=true')).json())).toContain('C0101');
  });
});

describe('/api/users', () => {
  it('lists every user to an admin, without passwords', async () => {
    const res = await admin.get('/api/users');
    expect(res.statusCode).toBe(200);
    const list = res.json() as Record<string, unknown>[];
    expect(list.map((u) => u.username)).toEqual(
      expect.arrayContaining([
        'admin',
        'operator1',
        'dispatcher1',
        'supervisor1',
        'handler.zjj',
        'handler.ljgzA',
      ]),
    );
    expect(list.find((u) => u.username === 'handler.zjj')).toEqual({
      id: t.user('handler.zjj').id,
      username: 'handler.zjj',
      displayName: 'handler.zjj',
      role: 'handler',
      departmentId: t.dir.dept.zjj,
      disabled: false,
    });
    expect(res.body).not.toMatch(/password|argon2/i);
  });

  it.each(['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj'])(
    'refuses %s the user list (403)',
    async (u) => {
      expect((await client(t, await t.login(u)).get('/api/users')).statusCode).toBe(403);
    },
  );

  it('answers 401 to the user list without a login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(401);
  });

  it('creates a handler in a department, who can then log in', async () => {
    const res = await admin.post('/api/users', {
      username: 'handler.new',
      displayName: '王五',
      role: 'handler',
      departmentId: t.dir.dept.scjg,
      password: 'new-password-9',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(Number),
      username: 'handler.new',
      displayName: '王五',
      role: 'handler',
      departmentId: t.dir.dept.scjg,
      disabled: false,
    });
    expect(res.body).not.toMatch(/password|argon2/i);
    const me = await client(t, await t.login('handler.new', 'new-password-9')).get('/api/auth/me');
    expect(me.json()).toMatchObject({
      role: 'handler',
      departmentId: t.dir.dept.scjg,
      departmentLevel: 'city',
    });
  });

  it('creates an operator without a department', async () => {
    const res = await admin.post('/api/users', {
      username: 'operator9',
      displayName: '赵六',
      role: 'operator',
      password: 'new-password-9',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().departmentId).toBeNull();
  });

  it('refuses a handler without a department (400 naming departmentId)', async () => {
    const res = await admin.post('/api/users', {
      username: 'handler.x',
      displayName: 'X',
      role: 'handler',
      password: 'new-password-9',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('departmentId');
  });

  it('refuses a handler in a department that does not exist or is disabled (400 naming departmentId)', async () => {
    const body = { username: 'handler.x', displayName: 'X', role: 'handler', password: 'new-password-9' };
    const missing = await admin.post('/api/users', { ...body, departmentId: 99999 });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe('departmentId');
    await admin.patch(`/api/departments/${t.dir.dept.jtj}`, { disabled: true });
    const disabled = await admin.post('/api/users', { ...body, departmentId: t.dir.dept.jtj });
    expect(disabled.statusCode).toBe(400);
    expect(disabled.json().field).toBe('departmentId');
  });

  it.each(['operator', 'dispatcher', 'supervisor', 'admin'])(
    'refuses a department for a %s (400 naming departmentId)',
    async (role) => {
      const res = await admin.post('/api/users', {
        username: `${role}.x`,
        displayName: 'X',
        role,
        departmentId: t.dir.dept.zjj,
        password: 'new-password-9',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe('departmentId');
    },
  );

  it('refuses a duplicate username (409)', async () => {
    const res = await admin.post('/api/users', {
      username: 'operator1',
      displayName: 'X',
      role: 'operator',
      password: 'new-password-9',
    });
    expect(res.statusCode).toBe(409);
  });

  it('refuses a password shorter than 8 characters (400 naming password)', async () => {
    const res = await admin.post('/api/users', {
      username: 'operator9',
      displayName: 'X',
      role: 'operator',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('password');
  });

  it('refuses a non-admin creating or changing users (403)', async () => {
    const sup = client(t, await t.login('supervisor1'));
    const body = { username: 'operator9', displayName: 'X', role: 'operator', password: 'new-password-9' };
    expect((await sup.post('/api/users', body)).statusCode).toBe(403);
    expect((await sup.patch(`/api/users/${t.user('operator1').id}`, { displayName: 'X' })).statusCode).toBe(
      403,
    );
  });

  it('refuses a user making themself admin (403)', async () => {
    const res = await operator.patch(`/api/users/${t.user('operator1').id}`, { role: 'admin' });
    expect(res.statusCode).toBe(403);
    expect((await operator.get('/api/auth/me')).json().role).toBe('operator');
  });

  it('changes a user’s name and role (PATCH)', async () => {
    const res = await admin.patch(`/api/users/${t.user('operator1').id}`, {
      displayName: '李四',
      role: 'dispatcher',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'operator1', displayName: '李四', role: 'dispatcher' });
    expect((await operator.get('/api/auth/me')).json()).toMatchObject({
      displayName: '李四',
      role: 'dispatcher',
    });
  });

  it('refuses turning a user into a handler without a department (400 naming departmentId)', async () => {
    const res = await admin.patch(`/api/users/${t.user('operator1').id}`, { role: 'handler' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('departmentId');
  });

  it('refuses making a handler an operator while it keeps its department (400 naming departmentId)', async () => {
    const id = t.user('handler.zjj').id;
    const res = await admin.patch(`/api/users/${id}`, { role: 'operator' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('departmentId');
    const ok = await admin.patch(`/api/users/${id}`, { role: 'operator', departmentId: null });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ role: 'operator', departmentId: null });
  });

  it('moves a handler to another department', async () => {
    const res = await admin.patch(`/api/users/${t.user('handler.zjj').id}`, {
      departmentId: t.dir.dept.ljgz,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().departmentId).toBe(t.dir.dept.ljgz);
  });

  it('changes a password: the new one works, the old one does not, and it is not returned', async () => {
    const res = await admin.patch(`/api/users/${t.user('operator1').id}`, { password: 'fresh-password-2' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/password|argon2/i);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'operator1', password: PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    expect(await t.login('operator1', 'fresh-password-2')).toEqual(expect.any(String));
  });

  it('disables a user: listed as disabled, and no longer able to log in', async () => {
    const res = await admin.patch(`/api/users/${t.user('dispatcher1').id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    const list = (await admin.get('/api/users')).json() as { username: string; disabled: boolean }[];
    expect(list.find((u) => u.username === 'dispatcher1')?.disabled).toBe(true);
    await expect(t.login('dispatcher1')).rejects.toThrow(/401/);
  });

  it('keeps the last enabled admin: neither disabled nor given another role (409), while a second one can be', async () => {
    const me = t.user('admin').id;
    const before = (await admin.get('/api/users')).json();
    for (const patch of [{ disabled: true }, { role: 'supervisor' }]) {
      const res = await admin.patch(`/api/users/${me}`, patch);
      expect(res.statusCode, JSON.stringify(patch)).toBe(409);
      expect(res.json().message).toContain('最后一个');
    }
    expect((await admin.get('/api/users')).json()).toEqual(before);
    const second = await admin.post('/api/users', {
      username: 'admin2',
      displayName: '第二管理员',
      role: 'admin',
      password: 'second-admin-password',
    });
    expect(second.statusCode, second.body).toBe(201);
    expect((await admin.patch(`/api/users/${second.json().id}`, { disabled: true })).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${me}`, { disabled: true })).statusCode).toBe(409);
  });

  it('answers 404 for changing a user that does not exist', async () => {
    expect((await admin.patch('/api/users/99999', { displayName: 'X' })).statusCode).toBe(404);
  });
});
