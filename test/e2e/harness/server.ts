// A real server for the end-to-end tests: the whole app on a temporary SQLite database (test/helpers/app.ts:
// four city departments, two towns with villages, one login per role), listening on a real loopback port,
// serving the console bundle built by ./bundle.ts, with socket.io on real sockets and the real time.
import { buildTestApp, PASSWORD, type TestApp } from '../../helpers/app.js';
import { consoleBundle } from './bundle.js';

export { PASSWORD };

export interface E2EServer {
  t: TestApp;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** A user's view of the API over HTTP (the same server the browsers talk to). */
  api(username: string): Promise<ApiAs>;
  close(): Promise<void>;
}

export interface ApiAs {
  get<T = unknown>(path: string): Promise<T>;
  post<T = unknown>(path: string, body?: object): Promise<T>;
  act<T = Ticket>(no: string, action: string, body?: object): Promise<T>;
}

/** The parts of a ticket the tests read. */
export interface Ticket {
  no: string;
  status: string;
  title: string;
  assignments: { departmentId: number; role: string; status: string }[];
  events?: { seq: number; action: string; to: string; actor: string }[];
  allowedActions?: string[];
}

export async function startServer(
  opts: { dist?: string; env?: Record<string, string> } = {},
): Promise<E2EServer> {
  const dist = opts.dist ?? (await consoleBundle());
  process.env.CONSOLE_DIST = dist;
  const t = await buildTestApp({ start: new Date().toISOString(), env: opts.env });
  // The test clock stands still; a server driven by browsers runs on the real time.
  t.clock.now = () => Date.now();
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const tokens = new Map<string, string>();

  async function call<T>(token: string, method: string, path: string, body?: object): Promise<T> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    t,
    url,
    async api(username) {
      let token = tokens.get(username);
      if (!token) {
        const res = await fetch(`${url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
        token = ((await res.json()) as { token: string }).token;
        tokens.set(username, token);
      }
      const tk = token;
      return {
        get: (path) => call(tk, 'GET', path),
        post: (path, body = {}) => call(tk, 'POST', path, body),
        act: (no, action, body = {}) => call(tk, 'POST', `/api/tickets/${no}/actions/${action}`, body),
      };
    },
    async close() {
      await t.close();
    },
  };
}
