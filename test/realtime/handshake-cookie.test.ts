import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { openConsole } from '../helpers/sockets.js';

// Found by the property-based fuzz (test/security/fuzz/sockets.ts): a session cookie that is not valid
// percent-encoding threw URIError out of the socket.io handshake, an uncaught exception that ends the
// server process, from a client with no session at all.
let t: TestApp;
let url: string;

beforeEach(async () => {
  t = await buildTestApp({ start: new Date().toISOString() });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => t.close());

describe('a console handshake with a malformed session cookie', () => {
  it.each(['hotline_session=%E0%A4%A', 'hotline_session=%', 'a=1; hotline_session=%ZZ'])(
    'cookie "%s" is refused like no session, and the server goes on',
    async (cookie) => {
      const c = openConsole(url, {}, { cookie });
      await expect(c.ready).rejects.toThrow(/UNAUTHORIZED/);
      c.socket.close();
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    },
  );

  it('a valid session in a percent-encoded cookie still connects', async () => {
    const token = (
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'supervisor1', password: 'test-password-1' },
        })
      ).json() as { token: string }
    ).token;
    const c = openConsole(url, {}, { cookie: `hotline_session=${encodeURIComponent(token)}` });
    await expect(c.ready).resolves.toMatchObject({ replayed: 0 });
    c.socket.close();
  });
});
