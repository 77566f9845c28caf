import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../../server/auth/auth.plugin.js';
import { buildTestApp, client, PASSWORD, type TestApp } from '../../helpers/app.js';
import { HOUR, MINUTE } from '../../helpers/clock.js';

let t: TestApp;

beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const me = (headers: Record<string, string> = {}, cookies: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: '/api/auth/me', headers, cookies });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('POST /api/auth/login', () => {
  it('answers a token and the user for the right password', async () => {
    const res = await login('handler.zjj', PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(typeof body.token).toBe('string');
    expect(body.token.length).toBeGreaterThanOrEqual(32);
    expect(body.user).toEqual({
      id: t.user('handler.zjj').id,
      username: 'handler.zjj',
      displayName: 'handler.zjj',
      role: 'handler',
      departmentId: t.dir.dept.zjj,
      departmentLevel: 'city',
    });
  });

  it('never returns a password or its hash', async () => {
    const res = await login('admin', PASSWORD);
    expect(res.body).not.toMatch(/password|argon2/i);
  });

  it('gives a different token for every login', async () => {
    const a = (await login('admin', PASSWORD)).json().token;
    const b = (await login('admin', PASSWORD)).json().token;
    expect(a).not.toBe(b);
  });

  it('sets an httpOnly, SameSite=Lax session cookie for the whole site, expiring with the session', async () => {
    const res = await login('operator1', PASSWORD);
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(raw).toMatch(/;\s*HttpOnly/i);
    expect(raw).toMatch(/;\s*SameSite=Lax/i);
    expect(raw).toMatch(/;\s*Path=\/(;|$)/);
    expect(raw).not.toMatch(/;\s*Secure/i);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.value).toBe(res.json().token);
    expect(cookie?.expires?.getTime()).toBe(t.clock.now() + t.config.sessionTtlHours * HOUR);
  });

  it('marks the session cookie Secure when COOKIE_SECURE is on', async () => {
    const secure = await buildTestApp({ env: { COOKIE_SECURE: '1' } });
    try {
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/;\s*Secure/i);
    } finally {
      await secure.close();
    }
  });

  it('refuses a wrong password and an unknown user alike (401, same message)', async () => {
    const wrong = await login('admin', 'not-the-password');
    const unknown = await login('nobody', PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('UNAUTHORIZED');
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    [{ password: PASSWORD }, 'username'],
    [{ username: 'admin' }, 'password'],
    [{ username: '', password: PASSWORD }, 'username'],
    [{ username: 'admin', password: '' }, 'password'],
  ])('answers 400 naming the missing field for %j', async (payload, field) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field });
  });

  it('refuses a disabled user with the same 401 as a wrong password', async () => {
    const admin = client(t, await t.login('admin'));
    await admin.patch(`/api/users/${t.user('operator1').id}`, { disabled: true });
    const res = await login('operator1', PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual((await login('admin', 'not-the-password')).json());
  });
});

describe('sessions', () => {
  it('accepts the token as a Bearer header', async () => {
    const token = await t.login('dispatcher1');
    const res = await me(bearer(token));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'dispatcher1', role: 'dispatcher', departmentId: null });
  });

  it('accepts the session cookie alone', async () => {
    const token = await t.login('supervisor1');
    const res = await me({}, { [SESSION_COOKIE]: token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'supervisor1', role: 'supervisor' });
  });

  it('shows a village handler the level of its department', async () => {
    const res = await me(bearer(await t.login('handler.ljgzA')));
    expect(res.json()).toMatchObject({ departmentId: t.dir.dept.ljgzA, departmentLevel: 'village' });
  });

  it('answers 401 without a session', async () => {
    const res = await me();
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHORIZED');
  });

  it('answers 401 for a made-up token, in a header or a cookie', async () => {
    expect((await me(bearer('made-up-token'))).statusCode).toBe(401);
    expect((await me({}, { [SESSION_COOKIE]: 'made-up-token' })).statusCode).toBe(401);
  });

  it('ends the session at logout: the token stops working', async () => {
    const token = await t.login('operator1');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    expect((await me(bearer(token))).statusCode).toBe(401);
    expect((await me({}, { [SESSION_COOKIE]: token })).statusCode).toBe(401);
  });

  it('clears the cookie at logout', async () => {
    const token = await t.login('operator1');
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { [SESSION_COOKIE]: token },
    });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime() ?? 0).toBeLessThanOrEqual(Date.now());
    expect((await me({}, { [SESSION_COOKIE]: token })).statusCode).toBe(401);
  });

  it('ends only the session logged out, not the same user’s other sessions', async () => {
    const first = await t.login('operator1');
    const second = await t.login('operator1');
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(first) });
    expect((await me(bearer(second))).statusCode).toBe(200);
  });

  it('answers 401 to a logout without a session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(401);
  });

  it('expires a session SESSION_TTL_HOURS (12) after login', async () => {
    const twelve = await buildTestApp({ env: { SESSION_TTL_HOURS: '12' } });
    try {
      const token = await twelve.login('operator1');
      const get = () => twelve.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
      twelve.clock.advance(12 * HOUR - MINUTE);
      expect((await get()).statusCode).toBe(200);
      twelve.clock.advance(MINUTE);
      expect((await get()).statusCode).toBe(401);
    } finally {
      await twelve.close();
    }
  });

  it('follows a configured SESSION_TTL_HOURS', async () => {
    const short = await buildTestApp({ env: { SESSION_TTL_HOURS: '2' } });
    try {
      const token = await short.login('operator1');
      short.clock.advance(2 * HOUR - 1);
      expect(
        (await short.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode,
      ).toBe(200);
      short.clock.advance(1);
      expect(
        (await short.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).statusCode,
      ).toBe(401);
    } finally {
      await short.close();
    }
  });

  it('refuses a disabled user’s existing session at once (401)', async () => {
    const token = await t.login('handler.zjj');
    expect((await me(bearer(token))).statusCode).toBe(200);
    const admin = client(t, await t.login('admin'));
    const res = await admin.patch(`/api/users/${t.user('handler.zjj').id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await me(bearer(token))).statusCode).toBe(401);
    expect((await client(t, token).get('/api/departments')).statusCode).toBe(401);
  });

  it('does not bring back the old session when a disabled user is enabled again', async () => {
    const token = await t.login('handler.zjj');
    const admin = client(t, await t.login('admin'));
    const id = t.user('handler.zjj').id;
    await admin.patch(`/api/users/${id}`, { disabled: true });
    await admin.patch(`/api/users/${id}`, { disabled: false });
    expect((await me(bearer(token))).statusCode).toBe(401);
    // The user may log in afresh.
    expect((await login('handler.zjj', PASSWORD)).statusCode).toBe(200);
  });
});

describe('login throttling', () => {
  const failFiveTimes = async (username: string) => {
    for (let i = 0; i < 5; i++) expect((await login(username, 'wrong-password')).statusCode).toBe(401);
  };

  it('answers 429 with Retry-After after 5 failed logins, even for the right password', async () => {
    await failFiveTimes('operator1');
    const res = await login('operator1', PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe(String(15 * 60));
    expect(res.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSec: 15 * 60 });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('counts the Retry-After down as time passes', async () => {
    await failFiveTimes('operator1');
    t.clock.advance(10 * MINUTE);
    const res = await login('operator1', PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe(String(5 * 60));
  });

  it('lets the user log in again once the window has passed', async () => {
    await failFiveTimes('operator1');
    t.clock.advance(15 * MINUTE - 1000);
    expect((await login('operator1', PASSWORD)).statusCode).toBe(429);
    t.clock.advance(1000);
    const res = await login('operator1', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('operator1');
  });

  it('throttles guesses at an unknown username too', async () => {
    await failFiveTimes('ghost');
    expect((await login('ghost', PASSWORD)).statusCode).toBe(429);
  });

  it('does not count failures older than the window', async () => {
    for (let i = 0; i < 4; i++) await login('operator1', 'wrong-password');
    t.clock.advance(15 * MINUTE);
    expect((await login('operator1', 'wrong-password')).statusCode).toBe(401);
    expect((await login('operator1', PASSWORD)).statusCode).toBe(200);
  });

  it('forgets a user’s earlier failures after a successful login', async () => {
    for (let i = 0; i < 4; i++) await login('operator1', 'wrong-password');
    expect((await login('operator1', PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login('operator1', 'wrong-password')).statusCode).toBe(401);
    expect((await login('operator1', PASSWORD)).statusCode).toBe(200);
  });

  it('does not lock other users at the same address out after one user’s failed logins', async () => {
    // A call centre's agents usually share one address (office NAT, reverse proxy).
    await failFiveTimes('operator1');
    expect((await login('operator1', PASSWORD)).statusCode).toBe(429);
    expect((await login('dispatcher1', PASSWORD)).statusCode).toBe(200);
  });

  it('still throttles one address that guesses at many usernames', async () => {
    // LOGIN_MAX_FAILURES=2: two per username, and ten times that per address.
    const strict = await buildTestApp({ env: { LOGIN_MAX_FAILURES: '2' } });
    try {
      const attempt = (username: string, password: string) =>
        strict.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      for (let i = 0; i < 20; i++)
        expect((await attempt(`guess${i}`, 'wrong-password')).statusCode).toBe(401);
      const res = await attempt('admin', PASSWORD);
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBe(15 * 60);
      strict.clock.advance(15 * MINUTE);
      expect((await attempt('admin', PASSWORD)).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('keeps an existing session working while its user is throttled', async () => {
    const token = await t.login('operator1');
    await failFiveTimes('operator1');
    expect((await me(bearer(token))).statusCode).toBe(200);
  });
});
