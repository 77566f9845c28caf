// Pure rules of the admin view (系统管理): trees from flat lists, forms turned into request bodies, agents beside
// operators. The deadline policy's are in policy.logic.ts, the working calendar's in calendar.logic.ts. No Vue,
// no DOM: unit-tested in node (test/console/admin/).

import type {
  AgentRecord,
  CategoryInput,
  CategoryPatch,
  DepartmentInput,
  DepartmentPatch,
  UserInput,
  UserPatch,
} from '../../api/admin.js';
import type { Article, ArticleInput } from '../../api/knowledge.js';

import type { Category, Department, DepartmentLevel, Role, UserRecord } from '../../api/types.js';

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

// ——— Knowledge base ——————————————————————————————————————————————————————————————————————————————

export interface ArticleForm {
  title: string;
  answer: string;
  keywords: string;
  categoryId: number | null;
  source: string;
}

/** What `POST /api/knowledge` takes from the form: trimmed, an empty source as none. */
export function articleBody(form: ArticleForm): ArticleInput {
  return {
    title: form.title.trim(),
    answer: form.answer.trim(),
    keywords: form.keywords.trim(),
    categoryId: form.categoryId,
    source: form.source.trim() || null,
  };
}

/** Only what changed (null when nothing did), for `PATCH /api/knowledge/{id}`. */
export function articlePatch(original: Article, form: ArticleForm): Partial<ArticleInput> | null {
  const next = articleBody(form);
  const patch: Partial<ArticleInput> = {};
  if (next.title !== original.title) patch.title = next.title;
  if (next.answer !== original.answer) patch.answer = next.answer;
  if (next.keywords !== original.keywords) patch.keywords = next.keywords;
  if ((next.categoryId ?? null) !== original.categoryId) patch.categoryId = next.categoryId ?? null;
  if ((next.source ?? null) !== original.source) patch.source = next.source ?? null;
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
