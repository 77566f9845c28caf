import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import { tooManyRequests, unauthorized } from '../core/errors.js';
import { prepared } from '../core/prepared.js';
import type { DirectoryService } from '../directory/directory.service.js';
import { departments, type Role, users } from '../directory/directory.tables.js';
import { sessions } from './auth.tables.js';
import { createLoginLimiter } from './login-limiter.js';
import type { PasswordHasher } from './passwords.js';

/** Who is acting: what every service receives from the edge. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  departmentLevel: 'city' | 'town' | 'village' | null;
}

/** An address may fail this many times the per-user budget before it is throttled as a whole. */
const IP_FAILURE_FACTOR = 10;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Logins, sessions and the lookup of the user behind a token. */
export function createAuthService(deps: {
  db: Db;
  clock: Clock;
  passwords: PasswordHasher;
  directory: Pick<DirectoryService, 'findActiveUserForLogin'>;
  sessionTtlHours: number;
  loginMaxFailures: number;
  loginWindowMinutes: number;
}) {
  const { db, clock, passwords, directory } = deps;
  const windowMs = deps.loginWindowMinutes * 60_000;
  // Per username: the configured budget. Per address: a larger one, because a call centre's agents
  // usually share one address (office NAT, reverse proxy) and one agent's typos must not lock out all.
  const userLimiter = createLoginLimiter({
    maxFailures: deps.loginMaxFailures,
    windowMs,
    now: () => clock.now(),
  });
  const ipLimiter = createLoginLimiter({
    maxFailures: deps.loginMaxFailures * IP_FAILURE_FACTOR,
    windowMs,
    now: () => clock.now(),
  });
  // A real hash to compare against when the username is unknown, so timing does not tell.
  let dummyHash: Promise<string> | null = null;

  /** The active user behind a session token, or null (unknown, expired, or the user disabled). */
  const resolve = (token: string): AuthUser | null => {
    const row = prepared(db, 'auth.resolve', (d) =>
      d
        .select({
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          role: users.role,
          departmentId: users.departmentId,
          departmentLevel: departments.level,
          disabled: users.disabled,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .leftJoin(departments, eq(departments.id, users.departmentId))
        .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now'))))
        .prepare(),
    ).get({ id: hashToken(token), now: clock.now() });
    if (!row || row.disabled) return null;
    const { disabled: _d, ...user } = row;
    return { ...user, departmentLevel: user.departmentLevel ?? null };
  };

  const loggedOut: ((token: string) => void)[] = [];

  return {
    resolve,
    /** Called with a session's token when it logs out (live connections opened with it are dropped). */
    onLogout(fn: (token: string) => void): void {
      loggedOut.push(fn);
    },
    /** Checks the password and opens a session; refuses with 429 after repeated failures. */
    async login(username: string, password: string, ip: string) {
      const userKey = `user:${username}`;
      const ipKey = `ip:${ip}`;
      const wait = Math.max(userLimiter.retryAfterSec(userKey), ipLimiter.retryAfterSec(ipKey));
      if (wait > 0) throw tooManyRequests(wait);
      const row = directory.findActiveUserForLogin(username);
      dummyHash ??= passwords.hash('not-a-real-password');
      const ok = await passwords.verify(row?.passwordHash ?? (await dummyHash), password);
      if (!row || !ok) {
        userLimiter.fail(userKey);
        ipLimiter.fail(ipKey);
        throw unauthorized('用户名或密码错误');
      }
      userLimiter.clear(userKey);
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      const expiresAt = now + deps.sessionTtlHours * 3_600_000;
      db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
      db.insert(sessions)
        .values({ id: hashToken(token), userId: row.id, createdAt: now, expiresAt })
        .run();
      const user = resolve(token);
      if (!user) throw unauthorized();
      return { token, user, expiresAt };
    },
    logout(token: string): void {
      db.delete(sessions)
        .where(eq(sessions.id, hashToken(token)))
        .run();
      for (const fn of loggedOut) fn(token);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
