import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

let t: TestApp;

beforeEach(async () => {
  t = await buildTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('GET /api/health', () => {
  it('answers ok for the server and the database, with the version, without a login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok', version: VERSION });
  });

  it('answers 503 when the database is gone', async () => {
    t.database.sqlite.close();
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'error', db: 'unavailable', version: VERSION });
  });
});

describe('API documentation', () => {
  it('serves an OpenAPI document at /api/docs/json without a login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; info: { version: string }; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.version).toBe(VERSION);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/tickets/{no}/actions/{action}',
        '/api/departments',
        '/api/policy/deadlines',
        '/api/calendar/days/{date}',
        '/api/health',
      ]),
    );
  });

  it('documents the login body and the ticket action’s path parameters', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const login = doc.paths['/api/auth/login'].post;
    const body = login.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['username', 'password']));
    const action = doc.paths['/api/tickets/{no}/actions/{action}'].post;
    expect(action.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:no', 'path:action']),
    );
  });

  it('leaves the documentation routes out of the document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/docs'))).toEqual([]);
  });

  it('serves the browsable UI at /api/docs without a login', async () => {
    let res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    if (res.statusCode === 302) {
      res = await t.app.inject({ method: 'GET', url: String(res.headers.location) });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/swagger/i);
  });

  it('still requires a login for the API itself', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/departments' })).statusCode).toBe(401);
  });
});

describe('errors', () => {
  it('answers an unknown route with 404 JSON, logged in or not', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(anonymous.statusCode).toBe(404);
    expect(anonymous.headers['content-type']).toMatch(/application\/json/);
    expect(anonymous.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const loggedIn = await client(t, await t.login('admin')).get('/api/no-such-thing');
    expect(loggedIn.statusCode).toBe(404);
    expect(loggedIn.json().code).toBe('NOT_FOUND');
  });

  it('answers an unknown method on a known path with 404 JSON', async () => {
    const res = await client(t, await t.login('admin')).delete('/api/policy/deadlines');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });

  it('answers a failure inside the server with 500 {code: INTERNAL}, never its details', async () => {
    const token = await t.login('operator1');
    t.database.sqlite.close();
    const res = await client(t, token).get('/api/departments');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = res.json();
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL', message: expect.any(String) });
    expect(res.body).not.toMatch(/sqlite|database|connection|select|stack|\.ts\b/i);
  });

  it('answers 500 without details for a logged-out request too', async () => {
    t.database.sqlite.close();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'whatever-password' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ statusCode: 500, code: 'INTERNAL', message: expect.any(String) });
    expect(res.body).not.toMatch(/sqlite|database|connection/i);
  });

  it('answers a malformed JSON body with 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "admin", "password": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toMatchObject({ statusCode: 400, field: 'body' });
  });

  it('answers a malformed JSON body with 400 on a route that needs a login, once logged in', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/calendar/hours',
      headers: { authorization: `Bearer ${await t.login('admin')}`, 'content-type': 'application/json' },
      payload: '[{"start": "09:00",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().statusCode).toBe(400);
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().statusCode).toBe(415);
  });

  it('answers a validation failure with 400 naming the field', async () => {
    const res = await client(t, await t.login('admin')).post('/api/departments', {
      code: 'x',
      level: 'city',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST', field: 'name' });
  });

  it('answers 400 for a path id that is not a number', async () => {
    const res = await client(t, await t.login('admin')).patch('/api/users/abc', { displayName: 'X' });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe('id');
  });
});
