import { describe, expect, it } from 'vitest';
import { client, type TestApp } from '../../helpers/app.js';
import { admin, operator, t, useDirectoryApp } from './directory-setup.js';

useDirectoryApp();

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
