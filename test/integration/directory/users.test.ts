import { describe, expect, it } from 'vitest';
import { client, PASSWORD } from '../../helpers/app.js';
import { admin, operator, t, useDirectoryApp } from './directory-setup.js';

useDirectoryApp();

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
