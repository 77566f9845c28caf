import { describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../../agent-console/src/api/admin.js';
import type { Category, Department, UserRecord } from '../../../agent-console/src/api/types.js';
import {
  agentRows,
  buildTree,
  categoryCreateBody,
  categoryPatch,
  categoryPath,
  departmentCreateBody,
  departmentPatch,
  emptyDepartmentForm,
  filterTree,
  filterUsers,
  parentChoices,
  passwordProblem,
  selfAndDescendants,
  skillsBody,
  userCreateBody,
  userPatch,
} from '../../../agent-console/src/views/admin/admin.logic.js';

const dep = (
  id: number,
  level: Department['level'],
  parentId: number | null,
  extra: Partial<Department> = {},
) => ({ id, code: `d${id}`, name: `部门${id}`, level, parentId, disabled: false, ...extra }) as Department;
const cat = (id: number, parentId: number | null, name = `分类${id}`, extra: Partial<Category> = {}) =>
  ({ id, code: `C${id}`, name, parentId, disabled: false, ...extra }) as Category;
const user = (id: number, username: string, extra: Partial<UserRecord> = {}): UserRecord => ({
  id,
  username,
  displayName: username,
  role: 'operator',
  departmentId: null,
  disabled: false,
  ...extra,
});

describe('buildTree', () => {
  const cases: { name: string; items: { id: number; parentId: number | null }[]; shape: unknown }[] = [
    { name: 'empty', items: [], shape: [] },
    {
      name: 'town with villages, city alone',
      items: [
        { id: 1, parentId: null },
        { id: 2, parentId: null },
        { id: 3, parentId: 2 },
        { id: 4, parentId: 2 },
      ],
      shape: [{ id: 1 }, { id: 2, children: [{ id: 3 }, { id: 4 }] }],
    },
    {
      name: 'child listed before parent',
      items: [
        { id: 5, parentId: 6 },
        { id: 6, parentId: null },
      ],
      shape: [{ id: 6, children: [{ id: 5 }] }],
    },
    { name: 'missing parent goes to the top', items: [{ id: 7, parentId: 99 }], shape: [{ id: 7 }] },
    {
      name: 'a cycle is not lost: both at the top',
      items: [
        { id: 1, parentId: 2 },
        { id: 2, parentId: 1 },
      ],
      shape: [{ id: 1 }, { id: 2 }],
    },
    { name: 'own parent', items: [{ id: 3, parentId: 3 }], shape: [{ id: 3 }] },
  ];
  const strip = (nodes: { id: number; children?: unknown[] }[]): unknown =>
    nodes.map((n) =>
      n.children ? { id: n.id, children: strip(n.children as { id: number }[]) } : { id: n.id },
    );
  for (const c of cases) {
    it(c.name, () => expect(strip(buildTree(c.items))).toEqual(c.shape));
  }
  it('does not change the input', () => {
    const items = [
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
    ];
    buildTree(items);
    expect(items[0]).toEqual({ id: 1, parentId: null });
  });
});

describe('filterTree / selfAndDescendants / categoryPath', () => {
  const cats = [
    cat(1, null, '城市综合'),
    cat(2, 1, '市容环境'),
    cat(3, 1, '噪声扰民'),
    cat(4, null, '社会事业'),
    cat(5, 2, '乱贴广告'),
  ];
  const tree = buildTree(cats);
  it.each([
    ['', [1, 4]],
    ['噪声', [1]],
    ['社会', [4]],
    ['c5', [1]],
    ['不存在', []],
  ])('keyword %s keeps roots %j', (k, roots) => {
    expect(filterTree(tree, k).map((n) => n.id)).toEqual(roots);
  });
  it('a matching descendant keeps only the matching branch', () => {
    const [root] = filterTree(tree, '噪声');
    expect(root?.children?.map((n) => n.id)).toEqual([3]);
  });
  it.each([
    [1, [1, 2, 3, 5]],
    [2, [2, 5]],
    [5, [5]],
  ])('below %i', (id, ids) => expect([...selfAndDescendants(cats, id)].sort()).toEqual(ids));
  it.each([
    [5, '城市综合 / 市容环境 / 乱贴广告'],
    [4, '社会事业'],
    [null, ''],
    [99, ''],
  ])('path of %s', (id, path) => expect(categoryPath(cats, id)).toBe(path));
});

describe('departments', () => {
  const deps = [
    dep(1, 'city', null),
    dep(2, 'town', null),
    dep(3, 'town', null, { disabled: true }),
    dep(4, 'village', 2),
  ];
  it.each([
    ['city', []],
    ['town', []],
    ['village', [2]],
  ] as const)('a %s may hang under %j', (level, ids) => {
    expect(parentChoices(deps, level).map((d) => d.id)).toEqual(ids);
  });
  it('a new department under a town is a village there', () => {
    expect(emptyDepartmentForm(deps[1])).toEqual({ code: '', name: '', level: 'village', parentId: 2 });
    expect(emptyDepartmentForm(deps[0])).toEqual({ code: '', name: '', level: 'city', parentId: null });
  });
  it.each([
    [
      { code: ' x ', name: ' 新村 ', level: 'village', parentId: 2 },
      { code: 'x', name: '新村', level: 'village', parentId: 2 },
    ],
    [
      { code: 'y', name: '局', level: 'city', parentId: 2 },
      { code: 'y', name: '局', level: 'city', parentId: null },
    ],
  ] as const)('create body %j', (form, body) => expect(departmentCreateBody({ ...form })).toEqual(body));
  it.each([
    [{ code: 'd4', name: '部门4', level: 'village', parentId: 2 }, null],
    [{ code: 'd4', name: '新名', level: 'village', parentId: 2 }, { name: '新名' }],
    [
      { code: 'd4', name: '部门4', level: 'town', parentId: 2 },
      { level: 'town', parentId: null },
    ],
    [
      { code: 'z', name: '部门4', level: 'village', parentId: 3 },
      { code: 'z', parentId: 3 },
    ],
  ] as const)('patch of village 4 from %j', (form, patch) => {
    expect(departmentPatch(deps[3]!, { ...form })).toEqual(patch);
  });
});

describe('categories', () => {
  const c = cat(2, 1, '市容环境');
  it.each([
    [{ code: 'C2', name: '市容环境', parentId: 1 }, null],
    [{ code: 'C2', name: '市容', parentId: 1 }, { name: '市容' }],
    [{ code: 'C2', name: '市容环境', parentId: null }, { parentId: null }],
    [{ code: 'C2', name: '市容环境', parentId: undefined as unknown as null }, { parentId: null }],
  ])('patch %j', (form, patch) => expect(categoryPatch(c, form)).toEqual(patch));
  it('create body trims', () =>
    expect(categoryCreateBody({ code: ' C9 ', name: ' 新类 ', parentId: null })).toEqual({
      code: 'C9',
      name: '新类',
      parentId: null,
    }));
});

describe('users', () => {
  it.each([
    ['short', 'short', '密码至少 8 位'],
    ['abcdefgh', 'abcdefgi', '两次输入的密码不一致'],
    ['abcdefgh', 'abcdefgh', null],
    ['', '', '密码至少 8 位'],
  ])('password %s / %s', (p, c, problem) => expect(passwordProblem(p, c)).toBe(problem));

  it.each([
    ['handler', 5, 5],
    ['operator', 5, null],
    ['admin', null, null],
  ] as const)('a %s with department %s is sent with %s', (role, departmentId, sent) => {
    const body = userCreateBody({
      username: ' zhang.san ',
      displayName: ' 张三 ',
      role,
      departmentId,
      password: 'secret123',
      confirm: 'secret123',
    });
    expect(body).toEqual({
      username: 'zhang.san',
      displayName: '张三',
      role,
      departmentId: sent,
      password: 'secret123',
    });
    expect(body).not.toHaveProperty('confirm');
  });

  const h = user(9, 'handler.zjj', { role: 'handler', departmentId: 1, displayName: '承办人' });
  it.each([
    [{ displayName: '承办人', role: 'handler', departmentId: 1 }, null],
    [{ displayName: ' 新名 ', role: 'handler', departmentId: 1 }, { displayName: '新名' }],
    [{ displayName: '承办人', role: 'handler', departmentId: 2 }, { departmentId: 2 }],
    [
      { displayName: '承办人', role: 'supervisor', departmentId: 1 },
      { role: 'supervisor', departmentId: null },
    ],
  ] as const)('patch %j', (f, patch) => {
    expect(userPatch(h, { username: h.username, password: 'x', confirm: 'y', ...f })).toEqual(patch);
  });

  const users = [
    user(1, 'admin', { role: 'admin', displayName: '系统管理员' }),
    user(2, 'operator1', { disabled: true, displayName: '王丽' }),
    user(3, 'operator2', { displayName: '李娜' }),
    user(4, 'handler.zjj', { role: 'handler', departmentId: 1, displayName: '承办人' }),
  ];
  const depName = (id: number | null) => (id === 1 ? '区住房和城乡建设局' : undefined);
  it.each([
    ['', '', [1, 3, 4, 2]],
    ['', 'operator', [3, 2]],
    ['王', '', [2]],
    ['住房', '', [4]],
    ['OPERATOR', '', [3, 2]],
  ] as const)('filter %s %s', (k, role, ids) => {
    expect(filterUsers(users, k, role, depName).map((u) => u.id)).toEqual(ids);
  });
});

describe('agents', () => {
  const users = [
    user(1, 'admin', { role: 'admin' }),
    user(2, 'operator1'),
    user(3, 'operator2'),
    user(4, 'operator3'),
  ];
  const agents: AgentRecord[] = [
    {
      userId: 3,
      agentNo: '1001',
      skills: ['general'],
      state: 'ready',
      stateSince: '2026-11-28T08:00:00+08:00',
    },
    {
      userId: 2,
      agentNo: '1002',
      skills: ['general'],
      state: 'offline',
      stateSince: '2026-11-28T08:00:00+08:00',
    },
  ];
  it('lists operators only, agents by number, then those without', () => {
    expect(agentRows(users, agents).map((r) => [r.user.username, r.agent?.agentNo ?? null])).toEqual([
      ['operator2', '1001'],
      ['operator1', '1002'],
      ['operator3', null],
    ]);
  });
  it.each([
    [
      ['general', ' Dialect ', 'general', ''],
      ['general', 'dialect'],
    ],
    [[], []],
  ])('skills %j → %j', (input, out) => expect(skillsBody(input)).toEqual(out));
});
