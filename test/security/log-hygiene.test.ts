import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { maskUrl } from '../../server/core/logger.js';
import { signedHeaders } from '../../server/upstream/upstream.signature.js';
import { buildTestApp, PASSWORD, type TestApp, YANTAI_SECRET } from '../helpers/app.js';
import { connectGateway } from '../helpers/gateway.js';
import { openConsole, until } from '../helpers/sockets.js';
import { buildOrder } from '../helpers/yantai.js';

const CTI_TOKEN = 'test-cti-token-for-log-hygiene';
const WRONG_PASSWORD = 'Wrong-Passw0rd-For-Logs';
const CONFIDENTIAL_PHONE = '13912345678';

const lines: string[] = [];
const secrets = {
  tokens: [] as string[],
  signatures: [] as string[],
};
let t: TestApp;
let url: string;

/** Everything a realistic day touches: logins (one wrong), a confidential order from Yantai, its handling, CTI, sockets. */
async function driveSession() {
  const http = async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(opts.token
          ? { authorization: `Bearer ${opts.token}`, cookie: `hotline_session=${opts.token}` }
          : {}),
      },
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    });
    const text = await res.text();
    return { status: res.status, json: () => JSON.parse(text) as Record<string, unknown> };
  };
  const login = async (username: string, password = PASSWORD) => {
    const res = await http('POST', '/api/auth/login', { body: { username, password } });
    if (res.status !== 200) return null;
    const token = res.json().token as string;
    secrets.tokens.push(token);
    return token;
  };

  expect(await login('dispatcher1', WRONG_PASSWORD)).toBeNull();
  const dispatcher = (await login('dispatcher1'))!;
  const supervisor = (await login('supervisor1'))!;
  const handler = (await login('handler.zjj'))!;

  // Yantai sends a confidential order, signed.
  const order = buildOrder(t, { confidential: true, caller: { name: '王先生', phone: CONFIDENTIAL_PHONE } });
  const raw = JSON.stringify(order);
  const headers = signedHeaders(YANTAI_SECRET, raw, t.clock.now());
  secrets.signatures.push(headers['x-signature']);
  const posted = await fetch(`${url}/api/upstream/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: raw,
  });
  expect(posted.status).toBe(200);
  const { ticketNo } = (await posted.json()) as { ticketNo: string };
  // A replay of the same signed request is refused, and logged as a 401.
  expect(
    (
      await fetch(`${url}/api/upstream/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: raw,
      })
    ).status,
  ).toBe(401);

  // A console listening, with the token in the handshake and in the cookie.
  const desk = openConsole(url, { token: handler });
  const desk2 = openConsole(url, {}, { cookie: `hotline_session=${supervisor}` });
  await Promise.all([desk.ready, desk2.ready]);

  expect(
    (
      await http('POST', `/api/tickets/${ticketNo}/actions/dispatch`, {
        token: dispatcher,
        body: { lead: t.dir.dept.zjj },
      })
    ).status,
  ).toBe(200);
  expect(
    (await http('POST', `/api/tickets/${ticketNo}/actions/sign`, { token: handler, body: {} })).status,
  ).toBe(200);
  await until(() => desk.events.some((e) => e.action === 'sign'), 3000, 'the push');
  expect((await http('GET', `/api/tickets/${ticketNo}`, { token: handler })).status).toBe(200);
  // The supervisor looks the caller up by phone: the number is in the URL.
  const found = await http('GET', `/api/tickets?phone=${CONFIDENTIAL_PHONE}`, { token: supervisor });
  expect(found.json().total).toBe(1);
  expect(
    (
      await http('POST', `/api/tickets/${ticketNo}/actions/reply`, {
        token: handler,
        body: { publicReply: '已联系供热公司处理', solved: true },
      })
    ).status,
  ).toBe(200);

  // The telephony gateway: one with a wrong token, then the real one and a call from the same caller.
  const refused = new WebSocket(`${url.replace('http', 'ws')}/cti`, {
    headers: { authorization: 'Bearer not-the-cti-token-0000' },
  });
  await new Promise<void>((resolve) => {
    refused.once('unexpected-response', () => resolve());
    refused.once('error', () => resolve());
  });
  const gateway = await connectGateway(url, CTI_TOKEN);
  gateway.send({
    type: 'call.offered',
    callId: 'c-log',
    from: CONFIDENTIAL_PHONE,
    to: '12345',
    at: new Date().toISOString(),
  });
  await until(() => gateway.commandsFor('c-log').length > 0, 3000, 'the greeting');
  gateway.send({ type: 'call.ended', callId: 'c-log', at: new Date().toISOString() });
  gateway.sendRaw('{"type":"call.offered","from":"13912345678"');

  // A request with a stale token, and logging out.
  expect((await http('GET', '/api/auth/me', { token: 'stale-token-that-was-never-issued' })).status).toBe(
    401,
  );
  expect((await http('POST', '/api/auth/logout', { token: handler })).status).toBe(204);

  await new Promise((r) => setTimeout(r, 100));
  desk.socket.close();
  desk2.socket.close();
  gateway.close();
}

beforeAll(async () => {
  t = await buildTestApp({
    start: new Date().toISOString(),
    // Yantai itself is unreachable (a closed local port): deliveries fail and are logged as retries.
    env: { LOG_LEVEL: 'trace', CTI_TOKEN, UPSTREAM_BASE_URL: 'http://127.0.0.1:9' },
    logStream: { write: (line: string) => void lines.push(line) },
  });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  await driveSession();
});
afterAll(async () => {
  await t.close();
});

describe('log lines', () => {
  it('were written for the whole session (the test reads real logs)', () => {
    expect(lines.length).toBeGreaterThan(30);
    const parsed = lines.map((l) => JSON.parse(l) as { msg?: string; req?: { url?: string } });
    expect(parsed.some((l) => l.req?.url?.startsWith('/api/upstream/v1/orders'))).toBe(true);
    expect(parsed.some((l) => l.req?.url?.startsWith('/api/tickets?phone='))).toBe(true);
    expect(parsed.some((l) => l.req?.url === '/cti')).toBe(true);
  });

  it('never contain a password, the right one or a wrong one', () => {
    for (const line of lines) {
      expect(line).not.toContain(PASSWORD);
      expect(line).not.toContain(WRONG_PASSWORD);
    }
  });

  it('never contain a session token, the CTI token, the Yantai secret or a signature', () => {
    const forbidden = [
      ...secrets.tokens,
      ...secrets.signatures,
      CTI_TOKEN,
      YANTAI_SECRET,
      'not-the-cti-token-0000',
    ];
    expect(secrets.tokens.length).toBe(3);
    for (const line of lines) for (const s of forbidden) expect(line).not.toContain(s);
  });

  it("never contain a confidential caller's full phone number, even when it was searched for", () => {
    for (const line of lines) expect(line).not.toContain(CONFIDENTIAL_PHONE);
    expect(lines.some((l) => l.includes('/api/tickets?phone=139****5678'))).toBe(true);
  });
});

describe('maskUrl', () => {
  it('masks phone-like numbers in the query and leaves the path alone', () => {
    expect(maskUrl('/api/tickets?phone=13912345678&page=2')).toBe('/api/tickets?phone=139****5678&page=2');
    expect(maskUrl('/api/calls?from=05356612345')).toBe('/api/calls?from=053****2345');
    expect(maskUrl('/api/calls?from=6612345')).toBe('/api/calls?from=66***45');
    expect(maskUrl('/api/tickets/PL20261127000001')).toBe('/api/tickets/PL20261127000001');
    expect(maskUrl('/api/tickets?page=1&pageSize=20&from=2026-01-01')).toBe(
      '/api/tickets?page=1&pageSize=20&from=2026-01-01',
    );
  });
});
