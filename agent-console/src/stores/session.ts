// Who is logged in: login, restore from the cookie/token on reload, logout, and where each role works.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { authApi, onUnauthorized, setToken } from '../api/index.js';
import type { Role, User } from '../api/types.js';
import { useDirectoryStore } from './directory.js';
import { useLiveStore } from './live.js';

/** The workspace each role lands on after login. */
export const HOME_BY_ROLE: Record<Role, string> = {
  operator: '/desk',
  dispatcher: '/dispatch',
  handler: '/inbox',
  supervisor: '/supervision',
  admin: '/admin',
};

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null);
  /** Set when a request or the socket found the session gone; the router sends the user to /login. */
  const expired = ref(false);
  let restoring: Promise<User | null> | null = null;

  const role = computed<Role | null>(() => user.value?.role ?? null);
  const home = computed(() => (user.value ? HOME_BY_ROLE[user.value.role] : '/login'));
  const departmentName = computed(() => {
    const id = user.value?.departmentId;
    return id == null ? null : (useDirectoryStore().departmentName(id) ?? null);
  });

  function start(u: User): void {
    user.value = u;
    expired.value = false;
    useLiveStore().connect();
    void useDirectoryStore().load();
  }

  /** Logs in; the token is kept for this tab and the socket connects. Rejects with an ApiError. */
  async function login(username: string, password: string): Promise<User> {
    const result = await authApi.login(username, password);
    setToken(result.token);
    useLiveStore().resetCursor();
    start(result.user);
    return result.user;
  }

  /** On page load: who am I (by token or cookie)? Null when not logged in. Runs once. */
  function restore(): Promise<User | null> {
    restoring ??= authApi
      .me()
      .then((u) => {
        start(u);
        return u;
      })
      .catch(() => {
        user.value = null;
        return null;
      });
    return restoring;
  }

  /** Logs out here and on the server; the live connection closes first. */
  async function logout(): Promise<void> {
    useLiveStore().disconnect();
    try {
      await authApi.logout();
    } catch {
      // Already gone on the server: logging out here is all that is left.
    }
    clear();
  }

  function clear(): void {
    useLiveStore().disconnect();
    useLiveStore().resetCursor();
    setToken(null);
    user.value = null;
    restoring = Promise.resolve(null);
  }

  /** The session ended under us (401, socket refused): forget it; the router guard goes to /login. */
  function expire(): void {
    if (!user.value) return;
    clear();
    expired.value = true;
  }

  onUnauthorized(expire);

  return { user, role, home, departmentName, expired, login, restore, logout, expire };
});
