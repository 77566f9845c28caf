// The thin HTTP client: JSON in and out, the session cookie plus a bearer token kept for this tab,
// and every failure turned into an ApiError whose message is the Chinese sentence to show.
import { networkError, toApiError } from './errors.js';

const TOKEN_KEY = 'hotline.token';

/** The tab's sessionStorage, typed without the DOM library (view logic is also compiled and tested in node). */
const tabStorage = () =>
  (
    globalThis as unknown as {
      sessionStorage: {
        getItem(k: string): string | null;
        setItem(k: string, v: string): void;
        removeItem(k: string): void;
      };
    }
  ).sessionStorage;
const TIMEOUT_MS = 20_000;

let token: string | null = readToken();
let unauthorizedHandler: (() => void) | null = null;

function readToken(): string | null {
  try {
    return tabStorage().getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** The bearer token of this tab (also used by the socket); null when logged out. */
export function getToken(): string | null {
  return token;
}

/** Keeps the token for this tab (sessionStorage: gone when the tab closes; the cookie covers reloads). */
export function setToken(value: string | null): void {
  token = value;
  try {
    if (value) tabStorage().setItem(TOKEN_KEY, value);
    else tabStorage().removeItem(TOKEN_KEY);
  } catch {
    // Private mode without storage: the in-memory token and the cookie still work.
  }
}

/** Called once when any request answers 401 (the session ended): the session store sends the user to login. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A 401 here means wrong credentials, not an expired session. */
  login?: boolean;
  signal?: AbortSignal;
}

function url(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** One API call. Resolves with the parsed JSON (undefined for 204); rejects with an ApiError. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const hasBody = opts.body !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await fetch(url(path, opts.query), {
      method,
      headers,
      body: hasBody ? JSON.stringify(opts.body) : undefined,
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw networkError(timeout.aborted);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.login) unauthorizedHandler?.();
    throw toApiError(res.status, body, { login: opts.login });
  }
  return body as T;
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body: body ?? {} }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
