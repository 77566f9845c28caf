import { describe, expect, it } from 'vitest';
import type { AgentRecord, CalendarDay, DeadlinePolicy } from '../../../agent-console/src/api/admin.js';
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
import {
  dayBadge,
  dayKind,
  hoursBody,
  hoursText,
  isoWeekday,
  monthGrid,
  monthRange,
  shiftMonth,
} from '../../../agent-console/src/views/admin/calendar.logic.js';
import {
  canRemoveRule,
  clockText,
  fieldErrorText,
  newRule,
  policyErrorKey,
  policyErrorLabel,
  sortRules,
} from '../../../agent-console/src/views/admin/policy.logic.js';

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

describe('deadline policy', () => {
  it.each([
    ['rules.0.sign.amount', 'rules.0.sign'],
    ['rules.1.handle.unit', 'rules.1.handle'],
    ['rules.2.extensionCapDays', 'rules.2.extensionCapDays'],
    ['rules.3', 'rules.3'],
    ['rules', 'rules'],
    ['upstreamMarginMinutes', 'upstreamMarginMinutes'],
    ['body', 'body'],
    [undefined, 'body'],
  ])('error at %s belongs to %s', (field, key) => expect(policyErrorKey(field)).toBe(key));

  it.each([
    ['rules.0.sign', '第 1 条规则「签收时限」'],
    ['rules.2.extensionCapDays', '第 3 条规则「延期上限」'],
    ['rules.1.appealType', '第 2 条规则「诉求类型」'],
    ['rules.3', '第 4 条规则'],
    ['rules', '时限规则'],
    ['upstreamMarginMinutes', '市平台工单预留时间'],
    ['directAnswerRevisitEvery', '直办件回访抽查'],
    ['body', null],
  ])('error key %s is at %s', (key, label) => expect(policyErrorLabel(key)).toBe(label));

  it.each([
    ['rules.0.sign.amount: must be > 0', '须大于 0'],
    ['upstreamMarginMinutes: must be <= 10080', '不能大于 10080'],
    ['rules.0.extensionCapDays: must be >= 0', '不能小于 0'],
    ['rules.0.extensionCapDays: must be integer', '须为整数'],
    ['rules.0.sign.amount: must be number', '须为数字'],
    ['rules: must NOT have fewer than 2 items', '至少需要 2 条规则'],
    // The policy check's own reasons are Chinese already (server/sla/policy.ts).
    ['rules.2: 与另一条规则的紧急程度和诉求类型重复', '与另一条规则的紧急程度和诉求类型重复'],
    ['x: 已经是中文', '已经是中文'],
    ['hours: invalid period 2: start must be before end', '每个时段的开始时间须早于结束时间'],
    ['hours: invalid period 2: periods must be sorted and must not overlap', '时段之间不能重叠'],
    ['something else', '填写有误，请检查'],
    [undefined, '填写有误，请检查'],
  ])('%s → %s', (msg, text) => expect(fieldErrorText(msg)).toBe(text));

  const policy: DeadlinePolicy = {
    rules: [
      {
        urgency: 'urgent',
        appealType: null,
        sign: { unit: 'minutes', amount: 30 },
        handle: { unit: 'hours', amount: 24 },
        returnWindow: { unit: 'working_days', amount: 2 },
        extensionCapDays: 10,
        revisit: { unit: 'working_days', amount: 1 },
      },
      {
        urgency: 'normal',
        appealType: 'complaint',
        sign: { unit: 'working_days', amount: 1 },
        handle: { unit: 'working_days', amount: 3 },
        returnWindow: { unit: 'working_days', amount: 2 },
        extensionCapDays: 5,
        revisit: { unit: 'working_days', amount: 1 },
      },
      {
        urgency: 'normal',
        appealType: null,
        sign: { unit: 'working_days', amount: 1 },
        handle: { unit: 'working_days', amount: 5 },
        returnWindow: { unit: 'working_days', amount: 2 },
        extensionCapDays: 10,
        revisit: { unit: 'working_days', amount: 1 },
      },
    ],
    directAnswerRevisitEvery: 10,
    upstreamMarginMinutes: 240,
    revisitAttempts: 3,
  };
  it('keeps the one general rule of each urgency from being deleted, and lets any other go', () => {
    expect(policy.rules.map((_, i) => canRemoveRule(policy.rules, i))).toEqual([false, true, false]);
    const twoGeneral = [...policy.rules, { ...policy.rules[2]! }];
    expect(canRemoveRule(twoGeneral, 2)).toBe(true);
    expect(canRemoveRule(policy.rules, 9)).toBe(false);
  });

  it('sorts general rules first, normal before urgent', () => {
    expect(sortRules(policy.rules).map((r) => `${r.urgency}/${r.appealType}`)).toEqual([
      'normal/null',
      'normal/complaint',
      'urgent/null',
    ]);
  });
  it('a new rule copies the general rule of its urgency, not shared', () => {
    const r = newRule(policy, 'urgent', 'report');
    expect(r).toMatchObject({
      urgency: 'urgent',
      appealType: 'report',
      sign: { unit: 'minutes', amount: 30 },
    });
    r.sign.amount = 99;
    expect(policy.rules[0]?.sign.amount).toBe(30);
  });
  it('a new rule in an empty policy has defaults', () => {
    expect(newRule({ ...policy, rules: [] }, 'normal', null).handle).toEqual({
      unit: 'working_days',
      amount: 5,
    });
  });
  it.each([
    [{ unit: 'working_days', amount: 5 }, '5 工作日'],
    [{ unit: 'minutes', amount: 30 }, '30 分钟'],
    [{ unit: 'working_hours', amount: 4 }, '4 工作小时'],
  ] as const)('clock %j', (c, text) => expect(clockText(c)).toBe(text));
});

describe('working calendar', () => {
  it.each([
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('range of %s', (m, from, to) => expect(monthRange(m)).toEqual({ from, to }));
  it.each([
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-05', 0, '2026-05'],
    ['2026-05', 13, '2027-06'],
  ])('%s %+d → %s', (m, d, out) => expect(shiftMonth(m, d)).toBe(out));
  it.each([
    ['2026-11-30', 1],
    ['2026-11-28', 6],
    ['2026-11-29', 7],
    ['2026-10-01', 4],
  ])('weekday of %s is %i', (d, w) => expect(isoWeekday(d)).toBe(w));

  it('November 2026 starts on a Sunday: six weeks, Monday first', () => {
    const g = monthGrid('2026-11');
    expect(g).toHaveLength(6);
    expect(g[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(g[5]).toEqual(['2026-11-30', null, null, null, null, null, null]);
    expect(g.every((w) => w.length === 7)).toBe(true);
    expect(g.flat().filter(Boolean)).toHaveLength(30);
  });
  it('February 2027 fills four whole weeks', () => {
    const g = monthGrid('2027-02');
    expect(g).toHaveLength(4);
    expect(g[0]?.[0]).toBe('2027-02-01');
    expect(g[3]?.[6]).toBe('2027-02-28');
  });

  const day = (
    date: string,
    work: boolean,
    source: CalendarDay['source'],
    note: string | null = null,
  ): CalendarDay => ({
    date,
    work,
    source,
    note,
  });
  it.each([
    [day('2026-09-30', true, 'official'), 'workday', null],
    [day('2026-10-11', false, 'official'), 'weekend', null],
    [day('2026-10-01', false, 'official', '国庆节'), 'holiday', '休'],
    [day('2026-10-10', true, 'official', '国庆节'), 'makeup', '班'],
    [day('2026-11-27', false, 'override', '防汛'), 'override_off', '休'],
    [day('2026-11-28', true, 'override'), 'override_work', '班'],
  ])('%j is %s', (d, kind, badge) => {
    expect(dayKind(d)).toBe(kind);
    expect(dayBadge(d)).toBe(badge);
  });

  it('hours are trimmed and ordered', () => {
    const body = hoursBody([
      { start: '13:30 ', end: '17:30' },
      { start: '08:30', end: ' 12:00' },
    ]);
    expect(body).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);
    expect(hoursText(body)).toBe('08:30–12:00、13:30–17:30');
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
