import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { sessions } from '../auth/auth.tables.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { Clock } from '../core/clock.js';
import { type Db, type DbOrTx, withinTransaction } from '../core/db.js';
import { badRequest, conflict, notFound, uniqueOrConflict } from '../core/errors.js';
import { prepared } from '../core/prepared.js';
import { isLive } from '../tickets/tickets.effects.js';
import { ASSIGNMENT_STATUSES } from '../tickets/tickets.machine.js';
import type { AssignmentRow } from '../tickets/tickets.repo.js';
import { assignments, tickets } from '../tickets/tickets.tables.js';
import { categories, departments, type Role, users } from './directory.tables.js';

export type Department = typeof departments.$inferSelect;
export type Category = typeof categories.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type PublicUser = Omit<UserRow, 'passwordHash'>;
export type DepartmentLevel = Department['level'];

export interface DepartmentInput {
  code: string;
  name: string;
  level: DepartmentLevel;
  parentId?: number | null;
}
export interface CategoryInput {
  code: string;
  name: string;
  parentId?: number | null;
}
export interface UserInput {
  username: string;
  displayName: string;
  role: Role;
  departmentId?: number | null;
  /** The password, or a hash made earlier (the demo seed hashes its one password once). */
  password: string | { hash: string };
}
export interface UserPatch {
  displayName?: string;
  role?: Role;
  departmentId?: number | null;
  password?: string;
  disabled?: boolean;
}

/** What a level is called in the messages departments and admins read. */
const LEVEL_NAMES: Record<DepartmentLevel, string> = { city: '区直部门', town: '镇街', village: '村居' };

/** Which parent level each level may hang under (市—镇—村). */
const PARENT_LEVEL: Record<DepartmentLevel, DepartmentLevel | null> = {
  city: null,
  town: null,
  village: 'town',
};

/** Assignment statuses of work still going on, as the tickets module defines them (`isLive`). */
const LIVE_STATUSES = ASSIGNMENT_STATUSES.filter((status) => isLive({ status } as AssignmentRow));
/** How many of a department's open tickets a refusal names. */
const NAMED_TICKETS = 3;

const publicUser = ({ passwordHash: _omit, ...rest }: UserRow): PublicUser => rest;

/** Departments, categories and users: the directory every other module looks people and places up in. */
export function createDirectoryService(deps: { db: Db; clock: Clock; passwords: PasswordHasher }) {
  const { db, clock, passwords } = deps;

  const accessChanged: ((userId: number) => void)[] = [];
  // Every Yantai order names its category: looked up here, forgotten whenever a category changes.
  const categoryByLabel = new Map<string, Category | null>();

  const getDepartment = (id: number): Department | undefined =>
    db.select().from(departments).where(eq(departments.id, id)).get();

  const checkDepartmentParent = (
    level: DepartmentLevel,
    parentId: number | null | undefined,
    selfId?: number,
  ) => {
    const wanted = PARENT_LEVEL[level];
    if (parentId == null) {
      if (wanted) throw badRequest('parentId', `${LEVEL_NAMES[level]}须隶属于一个${LEVEL_NAMES[wanted]}`);
      return;
    }
    if (parentId === selfId) throw badRequest('parentId', '部门不能隶属于自己');
    const parent = getDepartment(parentId);
    if (!parent) throw badRequest('parentId', `上级部门 ${parentId} 不存在`);
    if (wanted !== parent.level)
      throw badRequest('parentId', `${LEVEL_NAMES[level]}不能隶属于${LEVEL_NAMES[parent.level]}`);
  };

  /**
   * Refuses (409) a change that would pull a department out from under its live assignments: tickets it
   * leads, assists or was passed down (a dispatched lead never a village, a village's work seen by its own
   * town). Names a few of the tickets, so the admin knows what to finish or have returned first.
   */
  const checkNoLiveWork = (tx: DbOrTx, dep: Department, field: string, change: string) => {
    const live = and(eq(assignments.departmentId, dep.id), inArray(assignments.status, LIVE_STATUSES));
    const count =
      tx
        .select({ n: sql<number>`count(distinct ${assignments.ticketId})` })
        .from(assignments)
        .where(live)
        .get()?.n ?? 0;
    if (count === 0) return;
    const nos = tx
      .selectDistinct({ id: tickets.id, no: tickets.no })
      .from(assignments)
      .innerJoin(tickets, eq(tickets.id, assignments.ticketId))
      .where(live)
      .orderBy(asc(tickets.id))
      .limit(NAMED_TICKETS)
      .all()
      .map((t) => t.no);
    const named = `${nos.join('、')}${count > nos.length ? ' 等' : ''}`;
    throw conflict(
      `「${dep.name}」还有 ${count} 件在办工单（${named}），须待这些工单办结或退回后才能${change}`,
      { field, state: 'open_tickets' },
    );
  };

  const checkUserDepartment = (role: Role, departmentId: number | null | undefined) => {
    if (role === 'handler') {
      if (departmentId == null) throw badRequest('departmentId', '承办人员须属于一个承办单位');
      const dep = getDepartment(departmentId);
      if (!dep) throw badRequest('departmentId', `承办单位 ${departmentId} 不存在`);
      if (dep.disabled) throw badRequest('departmentId', `承办单位「${dep.name}」已停用`);
    } else if (departmentId != null) {
      throw badRequest('departmentId', '只有承办人员属于承办单位');
    }
  };

  return {
    getDepartment,
    listDepartments: (opts: { includeDisabled?: boolean } = {}): Department[] =>
      db
        .select()
        .from(departments)
        .where(opts.includeDisabled ? undefined : eq(departments.disabled, false))
        .orderBy(asc(departments.id))
        .all(),
    /** The department and everything below it (a town and its villages). */
    departmentAndDescendants(id: number): number[] {
      const ids = [id];
      let frontier = [id];
      while (frontier.length > 0) {
        const children = db
          .select({ id: departments.id })
          .from(departments)
          .where(inArray(departments.parentId, frontier))
          .all()
          .map((r) => r.id);
        ids.push(...children);
        frontier = children;
      }
      return ids;
    },
    createDepartment(input: DepartmentInput): Department {
      checkDepartmentParent(input.level, input.parentId);
      const now = clock.now();
      return uniqueOrConflict(`部门编码 ${input.code} 已存在`, () =>
        db
          .insert(departments)
          .values({ ...input, parentId: input.parentId ?? null, createdAt: now, updatedAt: now })
          .returning()
          .get(),
      );
    },
    /**
     * Changes a department. Its place in the tree (level, parent) and its being enabled stay as they are while
     * it has live assignments (409): the tickets were dispatched or passed down to it as it stood.
     */
    updateDepartment(id: number, patch: Partial<DepartmentInput> & { disabled?: boolean }): Department {
      return withinTransaction(db, (tx) => {
        const current = tx.select().from(departments).where(eq(departments.id, id)).get();
        if (!current) throw notFound(`部门 ${id}`);
        const level = patch.level ?? current.level;
        const parentId = patch.parentId === undefined ? current.parentId : patch.parentId;
        checkDepartmentParent(level, parentId, id);
        if (level !== current.level) {
          const child = tx
            .select({ id: departments.id })
            .from(departments)
            .where(eq(departments.parentId, id))
            .get();
          if (child) throw badRequest('level', `「${current.name}」下还有部门，不能改为其他层级`);
          checkNoLiveWork(tx, current, 'level', `改为${LEVEL_NAMES[level]}`);
        } else if (parentId !== current.parentId) {
          checkNoLiveWork(tx, current, 'parentId', `调整所属${LEVEL_NAMES.town}`);
        }
        if (patch.disabled === true && !current.disabled) checkNoLiveWork(tx, current, 'disabled', '停用');
        return uniqueOrConflict(`部门编码 ${patch.code} 已存在`, () =>
          tx
            .update(departments)
            .set({ ...patch, updatedAt: clock.now() })
            .where(eq(departments.id, id))
            .returning()
            .get(),
        )!;
      });
    },

    /** An enabled category by its name or code (how Yantai names its classes). */
    findCategory(label: string): Category | undefined {
      const known = categoryByLabel.get(label);
      if (known !== undefined) return known ?? undefined;
      const found = prepared(db, 'categories.byLabel', (d) =>
        d
          .select()
          .from(categories)
          .where(
            and(
              eq(categories.disabled, false),
              or(
                eq(categories.name, sql.placeholder('label')),
                eq(categories.code, sql.placeholder('label')),
              ),
            ),
          )
          .orderBy(asc(categories.id))
          .limit(1)
          .prepare(),
      ).get({ label });
      if (categoryByLabel.size > 10_000) categoryByLabel.clear();
      categoryByLabel.set(label, found ?? null);
      return found;
    },
    getCategory: (id: number): Category | undefined =>
      db.select().from(categories).where(eq(categories.id, id)).get(),
    listCategories: (opts: { includeDisabled?: boolean } = {}): Category[] =>
      db
        .select()
        .from(categories)
        .where(opts.includeDisabled ? undefined : eq(categories.disabled, false))
        .orderBy(asc(categories.id))
        .all(),
    createCategory(input: CategoryInput): Category {
      if (
        input.parentId != null &&
        !db.select().from(categories).where(eq(categories.id, input.parentId)).get()
      ) {
        throw badRequest('parentId', `上级分类 ${input.parentId} 不存在`);
      }
      const now = clock.now();
      categoryByLabel.clear();
      return uniqueOrConflict(`分类编码 ${input.code} 已存在`, () =>
        db
          .insert(categories)
          .values({ ...input, parentId: input.parentId ?? null, createdAt: now, updatedAt: now })
          .returning()
          .get(),
      );
    },
    updateCategory(id: number, patch: Partial<CategoryInput> & { disabled?: boolean }): Category {
      if (!db.select().from(categories).where(eq(categories.id, id)).get()) throw notFound(`分类 ${id}`);
      if (patch.parentId === id) throw badRequest('parentId', '分类不能隶属于自己');
      if (
        patch.parentId != null &&
        !db.select().from(categories).where(eq(categories.id, patch.parentId)).get()
      ) {
        throw badRequest('parentId', `上级分类 ${patch.parentId} 不存在`);
      }
      categoryByLabel.clear();
      return uniqueOrConflict(`分类编码 ${patch.code} 已存在`, () =>
        db
          .update(categories)
          .set({ ...patch, updatedAt: clock.now() })
          .where(eq(categories.id, id))
          .returning()
          .get(),
      )!;
    },

    listUsers: (): PublicUser[] => db.select().from(users).orderBy(asc(users.id)).all().map(publicUser),
    getUser: (id: number): PublicUser | undefined => {
      const row = db.select().from(users).where(eq(users.id, id)).get();
      return row && publicUser(row);
    },
    /** The full row, password hash included: for the auth module only. */
    findActiveUserForLogin: (username: string): UserRow | undefined =>
      db
        .select()
        .from(users)
        .where(and(eq(users.username, username), eq(users.disabled, false)))
        .get(),
    async createUser(input: UserInput): Promise<PublicUser> {
      checkUserDepartment(input.role, input.departmentId);
      const passwordHash =
        typeof input.password === 'string' ? await passwords.hash(input.password) : input.password.hash;
      const now = clock.now();
      const { password: _omit, ...rest } = input;
      return publicUser(
        uniqueOrConflict(`用户名 ${input.username} 已存在`, () =>
          db
            .insert(users)
            .values({
              ...rest,
              departmentId: input.departmentId ?? null,
              passwordHash,
              createdAt: now,
              updatedAt: now,
            })
            .returning()
            .get(),
        ),
      );
    },
    async updateUser(id: number, patch: UserPatch): Promise<PublicUser> {
      const current = db.select().from(users).where(eq(users.id, id)).get();
      if (!current) throw notFound(`用户 ${id}`);
      const role = patch.role ?? current.role;
      const departmentId = patch.departmentId === undefined ? current.departmentId : patch.departmentId;
      checkUserDepartment(role, departmentId);
      const { password, ...rest } = patch;
      const passwordHash = password === undefined ? undefined : await passwords.hash(password);
      const row = db.transaction((tx) => {
        // Nobody could manage users, departments or the calendar any more, nor put it right from the console.
        const stopsAdmin =
          current.role === 'admin' && !current.disabled && (patch.disabled === true || role !== 'admin');
        if (stopsAdmin) {
          const admins = tx
            .select({ id: users.id })
            .from(users)
            .where(and(eq(users.role, 'admin'), eq(users.disabled, false)))
            .all();
          if (admins.length <= 1)
            throw conflict('这是最后一个启用的管理员账号，不能停用或改为其他角色', { state: 'last_admin' });
        }
        // Disabling ends the user's sessions for good: enabling again later must not revive them.
        if (patch.disabled === true) tx.delete(sessions).where(eq(sessions.userId, id)).run();
        return tx
          .update(users)
          .set({ ...rest, departmentId, ...(passwordHash ? { passwordHash } : {}), updatedAt: clock.now() })
          .where(eq(users.id, id))
          .returning()
          .get();
      });
      // A changed role or department, or a disabled login, must not keep what its live connections joined.
      if (patch.disabled === true || patch.role !== undefined || patch.departmentId !== undefined) {
        for (const fn of accessChanged) fn(id);
      }
      return publicUser(row!);
    },
    /** Called with a user's id whenever that user's access changes (disabled, new role or department). */
    onAccessChanged(fn: (userId: number) => void): void {
      accessChanged.push(fn);
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
