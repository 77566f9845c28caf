// Pure rules of the admin view (系统管理): trees from flat lists, forms turned into request bodies, the
// server's 400 field errors placed next to their inputs, the month grid of the working calendar, agents beside
// operators. No Vue, no DOM: unit-tested in node (test/console/admin/).
import type {
  AgentRecord,
  CalendarDay,
  CategoryInput,
  CategoryPatch,
  ClockUnit,
  DeadlinePolicy,
  DeadlineRule,
  DepartmentInput,
  DepartmentPatch,
  UserInput,
  UserPatch,
  WorkingHours,
} from '../../api/admin.js';
import type {
  AppealType,
  Category,
  Department,
  DepartmentLevel,
  Role,
  Urgency,
  UserRecord,
} from '../../api/types.js';

// ——— Trees ———————————————————————————————————————————————————————————————————————————————————————

export type TreeNode<T> = T & { children?: TreeNode<T>[] };

/**
 * A flat list with `parentId` as a forest, in list order. An item whose parent is missing (disabled and not
 * listed, or a cycle) is shown at the top rather than lost. Leaves have no `children` (el-table shows no arrow).
 */
export function buildTree<T extends { id: number; parentId: number | null }>(
  items: readonly T[],
): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>();
  for (const item of items) nodes.set(item.id, { ...item });
  const roots: TreeNode<T>[] = [];
  for (const item of items) {
    const node = nodes.get(item.id)!;
    const parent = item.parentId == null ? undefined : nodes.get(item.parentId);
    if (!parent || parent === node || isAncestor(nodes, node.id, parent.id)) {
      roots.push(node);
      continue;
    }
    parent.children ??= [];
    parent.children.push(node);
  }
  return roots;
}

/** Whether `ancestorId` is above `id` by the parentId links (cycles stop the walk). */
function isAncestor<T extends { id: number; parentId: number | null }>(
  nodes: Map<number, T>,
  ancestorId: number,
  id: number,
): boolean {
  const seen = new Set<number>();
  let current = nodes.get(id);
  while (current && current.parentId != null && !seen.has(current.id)) {
    seen.add(current.id);
    if (current.parentId === ancestorId) return true;
    current = nodes.get(current.parentId);
  }
  return false;
}

/** The id and every id below it: what cannot become its new parent. */
export function selfAndDescendants<T extends { id: number; parentId: number | null }>(
  items: readonly T[],
  id: number,
): Set<number> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const item of items) {
      if (item.parentId != null && out.has(item.parentId) && !out.has(item.id)) {
        out.add(item.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Nodes whose own text or any descendant's matches the keyword (name or code), children kept filtered. */
export function filterTree<T extends { name: string; code: string }>(
  nodes: readonly TreeNode<T>[],
  keyword: string,
): TreeNode<T>[] {
  const k = keyword.trim().toLowerCase();
  if (!k) return nodes as TreeNode<T>[];
  const out: TreeNode<T>[] = [];
  for (const node of nodes) {
    const own = node.name.toLowerCase().includes(k) || node.code.toLowerCase().includes(k);
    const children = node.children ? filterTree(node.children, keyword) : [];
    if (own) out.push(node);
    else if (children.length > 0) out.push({ ...node, children });
  }
  return out;
}

/** A category's full path for pickers: 城市综合 / 市容环境. */
export function categoryPath(categories: readonly Category[], id: number | null): string {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const names: string[] = [];
  const seen = new Set<number>();
  let current = id == null ? undefined : byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId == null ? undefined : byId.get(current.parentId);
  }
  return names.join(' / ');
}

// ——— Departments ——————————————————————————————————————————————————————————————————————————————————

export const LEVEL_LABELS: Record<DepartmentLevel, string> = {
  city: '区直部门',
  town: '镇街',
  village: '村居',
};
export const levelLabel = (level: string): string => LEVEL_LABELS[level as DepartmentLevel] ?? level;

export interface DepartmentForm {
  code: string;
  name: string;
  level: DepartmentLevel;
  parentId: number | null;
}

export function emptyDepartmentForm(parent?: Pick<Department, 'id' | 'level'>): DepartmentForm {
  if (parent?.level === 'town') return { code: '', name: '', level: 'village', parentId: parent.id };
  return { code: '', name: '', level: 'city', parentId: null };
}

export function departmentForm(d: Department): DepartmentForm {
  return { code: d.code, name: d.name, level: d.level, parentId: d.parentId };
}

/** The departments a level may hang under: the server says 村居 under a 镇街, others at the top. */
export function parentChoices(
  departments: readonly Department[],
  level: DepartmentLevel,
  selfId?: number,
): Department[] {
  if (level !== 'village') return [];
  return departments.filter((d) => d.level === 'town' && d.id !== selfId && !d.disabled);
}

export function departmentCreateBody(form: DepartmentForm): DepartmentInput {
  return {
    code: form.code.trim(),
    name: form.name.trim(),
    level: form.level,
    parentId: form.level === 'village' ? form.parentId : null,
  };
}

/** Only what changed (the server refuses an empty patch); null when nothing did. */
export function departmentPatch(original: Department, form: DepartmentForm): DepartmentPatch | null {
  const next = departmentCreateBody(form);
  const patch: DepartmentPatch = {};
  if (next.code !== original.code) patch.code = next.code;
  if (next.name !== original.name) patch.name = next.name;
  if (next.level !== original.level) patch.level = next.level;
  if ((next.parentId ?? null) !== original.parentId) patch.parentId = next.parentId ?? null;
  return Object.keys(patch).length > 0 ? patch : null;
}

// ——— Categories ———————————————————————————————————————————————————————————————————————————————————

export interface CategoryForm {
  code: string;
  name: string;
  parentId: number | null;
}

export function categoryCreateBody(form: CategoryForm): CategoryInput {
  return { code: form.code.trim(), name: form.name.trim(), parentId: form.parentId };
}

export function categoryPatch(original: Category, form: CategoryForm): CategoryPatch | null {
  const next = categoryCreateBody(form);
  const patch: CategoryPatch = {};
  if (next.code !== original.code) patch.code = next.code;
  if (next.name !== original.name) patch.name = next.name;
  if ((next.parentId ?? null) !== original.parentId) patch.parentId = next.parentId ?? null;
  return Object.keys(patch).length > 0 ? patch : null;
}

// ——— Users ————————————————————————————————————————————————————————————————————————————————————————

export const ROLES: readonly Role[] = ['operator', 'dispatcher', 'handler', 'supervisor', 'admin'];
export const PASSWORD_MIN = 8;

export interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  password: string;
  confirm: string;
}

export function emptyUserForm(): UserForm {
  return { username: '', displayName: '', role: 'operator', departmentId: null, password: '', confirm: '' };
}

export function userForm(u: UserRecord): UserForm {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    departmentId: u.departmentId,
    password: '',
    confirm: '',
  };
}

/** A handler (承办) belongs to a department; the other roles to none (the server checks the same). */
export const roleHasDepartment = (role: Role): boolean => role === 'handler';

/** What is wrong with a new password entered twice, or null. */
export function passwordProblem(password: string, confirm: string): string | null {
  if (password.length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 位`;
  if (password !== confirm) return '两次输入的密码不一致';
  return null;
}

export function userCreateBody(form: UserForm): UserInput {
  return {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    role: form.role,
    departmentId: roleHasDepartment(form.role) ? form.departmentId : null,
    password: form.password,
  };
}

/** The changed name, role and department (no password: resetting it is its own dialog); null when none. */
export function userPatch(original: UserRecord, form: UserForm): UserPatch | null {
  const patch: UserPatch = {};
  const displayName = form.displayName.trim();
  const departmentId = roleHasDepartment(form.role) ? form.departmentId : null;
  if (displayName !== original.displayName) patch.displayName = displayName;
  if (form.role !== original.role) patch.role = form.role;
  if (departmentId !== original.departmentId) patch.departmentId = departmentId;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** Users matching a keyword (username or name) and a role, enabled before disabled, then by id. */
export function filterUsers(
  users: readonly UserRecord[],
  keyword: string,
  role: Role | '' = '',
  departmentName: (id: number | null) => string | undefined = () => undefined,
): UserRecord[] {
  const k = keyword.trim().toLowerCase();
  return users
    .filter((u) => !role || u.role === role)
    .filter(
      (u) =>
        !k ||
        u.username.toLowerCase().includes(k) ||
        u.displayName.toLowerCase().includes(k) ||
        (departmentName(u.departmentId) ?? '').toLowerCase().includes(k),
    )
    .sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.id - b.id);
}

// ——— Deadline policy ——————————————————————————————————————————————————————————————————————————————

export const CLOCK_UNITS: readonly ClockUnit[] = ['minutes', 'hours', 'working_hours', 'working_days'];
export const CLOCK_UNIT_LABELS: Record<ClockUnit, string> = {
  minutes: '分钟',
  hours: '小时',
  working_hours: '工作小时',
  working_days: '工作日',
};
export const CLOCKS = ['sign', 'handle', 'returnWindow', 'revisit'] as const;
export type ClockName = (typeof CLOCKS)[number];
export const CLOCK_LABELS: Record<ClockName, string> = {
  sign: '签收时限',
  handle: '办理时限',
  returnWindow: '退单时限',
  revisit: '回访时限',
};
export const URGENCIES: readonly Urgency[] = ['normal', 'urgent'];
export const APPEAL_TYPES: readonly AppealType[] = [
  'consult',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
];

/** `1 工作日`, `30 分钟` */
export function clockText(clock: { unit: ClockUnit; amount: number }): string {
  return `${clock.amount} ${CLOCK_UNIT_LABELS[clock.unit] ?? clock.unit}`;
}

/** A deep copy to edit (the table edits it in place; the loaded policy stays as it was). */
export function clonePolicy(policy: DeadlinePolicy): DeadlinePolicy {
  return JSON.parse(JSON.stringify(policy)) as DeadlinePolicy;
}

/** A new rule for an appeal type, starting from the urgency's general rule (or the first rule). */
export function newRule(
  policy: DeadlinePolicy,
  urgency: Urgency = 'normal',
  appealType: AppealType | null = 'complaint',
): DeadlineRule {
  const base = policy.rules.find((r) => r.urgency === urgency && r.appealType === null) ?? policy.rules[0];
  const copy = base
    ? (JSON.parse(JSON.stringify(base)) as DeadlineRule)
    : {
        urgency,
        appealType: null,
        sign: { unit: 'working_days' as const, amount: 1 },
        handle: { unit: 'working_days' as const, amount: 5 },
        returnWindow: { unit: 'working_days' as const, amount: 2 },
        extensionCapDays: 10,
        revisit: { unit: 'working_days' as const, amount: 1 },
      };
  return { ...copy, urgency, appealType };
}

/** Rules general first, then by urgency and appeal type, for display after loading. */
export function sortRules(rules: readonly DeadlineRule[]): DeadlineRule[] {
  const u = (x: Urgency) => URGENCIES.indexOf(x);
  const a = (x: AppealType | null) => (x === null ? -1 : APPEAL_TYPES.indexOf(x));
  return [...rules].sort((x, y) => u(x.urgency) - u(y.urgency) || a(x.appealType) - a(y.appealType));
}

/**
 * Where a 400 of `PUT /api/policy/deadlines` belongs: a clock cell (`rules.0.sign`), a rule cell
 * (`rules.0.extensionCapDays`), a whole row (`rules.1`), the rule list (`rules`) or a top field.
 */
export function policyErrorKey(field: string | undefined): string {
  if (!field) return 'body';
  const parts = field.split('.');
  if (parts[0] !== 'rules') return parts[0] ?? 'body';
  if (parts.length === 1 || !/^\d+$/.test(parts[1] ?? '')) return 'rules';
  // `rules.0.sign.amount` and `rules.0.sign.unit` are both the sign clock's cell.
  return parts.slice(0, 3).join('.');
}

const RULE_FIELD_LABELS: Record<string, string> = {
  ...CLOCK_LABELS,
  urgency: '紧急程度',
  appealType: '诉求类型',
  extensionCapDays: '延期上限',
};

/** Where a policyErrorKey is, for the sentence above the table: 第 1 条规则「签收时限」. */
export function policyErrorLabel(key: string): string | null {
  if (key === 'directAnswerRevisitEvery') return '直办件回访抽查';
  if (key === 'upstreamMarginMinutes') return '市平台工单预留时间';
  if (key === 'rules') return '时限规则';
  const m = key.match(/^rules\.(\d+)(?:\.(\w+))?$/);
  if (!m) return null;
  const row = `第 ${Number(m[1]) + 1} 条规则`;
  return m[2] ? `${row}「${RULE_FIELD_LABELS[m[2]] ?? m[2]}」` : row;
}

/** The validator's and the policy check's English, by pattern, in Chinese (`$1` is the first capture). */
const FIELD_MESSAGES: readonly [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^must be > (-?[\d.]+)/, (m) => `须大于 ${m[1]}`],
  [/^must be >= (-?[\d.]+)/, (m) => `不能小于 ${m[1]}`],
  [/^must be < (-?[\d.]+)/, (m) => `须小于 ${m[1]}`],
  [/^must be <= (-?[\d.]+)/, (m) => `不能大于 ${m[1]}`],
  [/^must be integer/, () => '须为整数'],
  [/^must be number/, () => '须为数字'],
  [/^must NOT have fewer than (\d+) items/, (m) => `至少需要 ${m[1]} 条规则`],
  [/^must NOT have more than (\d+) items/, (m) => `最多 ${m[1]} 条规则`],
  [/^must be equal to one of the allowed values/, () => '请从列表中选择'],
  [/^must have required property/, () => '必填'],
  [/duplicate rule for \w+\/\w+/, () => '与另一条规则的紧急程度和诉求类型重复'],
  [
    /rule for urgency "(\w+)" with appealType null is required/,
    (m) => `须保留「${m[1] === 'urgent' ? '紧急' : '一般'}」的通用规则（诉求类型为全部）`,
  ],
  [/must match pattern/, () => '格式不正确'],
  [/start must be before end/, () => '每个时段的开始时间须早于结束时间'],
  [/must be sorted and must not overlap/, () => '时段之间不能重叠'],
  [/'HH:MM' between/, () => '时间须在 00:00 到 24:00 之间'],
  [/at least one period is required/, () => '至少需要一个时段'],
];

/** The server's validator text (`rules.0.sign.amount: must be > 0`) in Chinese, for beside the field. */
export function fieldErrorText(serverMessage: string | undefined): string {
  const text = (serverMessage ?? '').replace(/^[\w.]+:\s*/, '').trim();
  if (/[\u4e00-\u9fff]/.test(text)) return text;
  for (const [pattern, say] of FIELD_MESSAGES) {
    const m = text.match(pattern);
    if (m) return say(m);
  }
  return '填写有误，请检查';
}

// ——— Working calendar —————————————————————————————————————————————————————————————————————————————

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-10` → its first and last day, the `from`/`to` of `GET /api/calendar/days`. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(last)}` };
}

/** `2026-12` + 1 → `2027-01`. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** 1 Monday … 7 Sunday, of a `yyyy-mm-dd` (a calendar date, no time zone involved). */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export const isWeekend = (date: string): boolean => isoWeekday(date) >= 6;

/** The month as weeks Monday to Sunday; days of other months are null. */
export function monthGrid(month: string): (string | null)[][] {
  const { from, to } = monthRange(month);
  const weeks: (string | null)[][] = [];
  let week: (string | null)[] = Array.from({ length: isoWeekday(from) - 1 }, () => null);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    week.push(new Date(t).toISOString().slice(0, 10));
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup' | 'override_off' | 'override_work';

/**
 * What a day of the server's calendar is, for its colour and tag: an override is the admin's; otherwise a
 * day off with a holiday name is 法定节假日, a worked weekend day is 调休上班, a plain weekend is 周末.
 */
export function dayKind(day: CalendarDay): DayKind {
  if (day.source === 'override') return day.work ? 'override_work' : 'override_off';
  if (!day.work) return day.note ? 'holiday' : 'weekend';
  return isWeekend(day.date) ? 'makeup' : 'workday';
}

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: '工作日',
  weekend: '休息日',
  holiday: '法定节假日',
  makeup: '调休上班',
  override_off: '调整为休息',
  override_work: '调整为上班',
};

/** The short badge of a day cell: 休 / 班 (only where it differs from an ordinary week). */
export function dayBadge(day: CalendarDay): string | null {
  const kind = dayKind(day);
  if (kind === 'holiday' || kind === 'override_off') return '休';
  if (kind === 'makeup' || kind === 'override_work') return '班';
  return null;
}

export interface HoursRow {
  start: string;
  end: string;
}

/** Working periods as sent: trimmed, in order of start (the server checks overlaps and format). */
export function hoursBody(rows: readonly HoursRow[]): WorkingHours {
  return rows
    .map((r) => ({ start: r.start.trim(), end: r.end.trim() }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

/** `08:30–12:00、13:30–17:30` */
export function hoursText(hours: WorkingHours): string {
  return hours.map((h) => `${h.start}–${h.end}`).join('、');
}

// ——— Agents ———————————————————————————————————————————————————————————————————————————————————————

/** The call queues (skills) the IVR flows route to; others are shown by their code. */
export const SKILL_LABELS: Record<string, string> = {
  general: '综合咨询',
  enterprise: '企业服务',
  dialect: '方言',
};
export const skillLabel = (skill: string): string => SKILL_LABELS[skill] ?? skill;

export const AGENT_STATE_LABELS: Record<string, string> = {
  offline: '离线',
  ready: '就绪',
  not_ready: '小休',
  busy: '通话中',
  wrap_up: '话后整理',
};
export const agentStateLabel = (state: string): string => AGENT_STATE_LABELS[state] ?? state;

export interface AgentRow {
  user: UserRecord;
  agent: AgentRecord | null;
}

/** Every operator (话务员) with their agent number and skills, if they have them; by agent number, then id. */
export function agentRows(users: readonly UserRecord[], agents: readonly AgentRecord[]): AgentRow[] {
  const byUser = new Map(agents.map((a) => [a.userId, a]));
  return users
    .filter((u) => u.role === 'operator')
    .map((user) => ({ user, agent: byUser.get(user.id) ?? null }))
    .sort(
      (a, b) =>
        Number(a.agent === null) - Number(b.agent === null) ||
        (a.agent?.agentNo ?? '').localeCompare(b.agent?.agentNo ?? '') ||
        a.user.id - b.user.id,
    );
}

/** Skills as the server takes them: trimmed, lower case, unique, in order. */
export function skillsBody(skills: readonly string[]): string[] {
  return [...new Set(skills.map((s) => s.trim().toLowerCase()).filter(Boolean))];
}
