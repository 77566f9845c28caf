import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';

// Found by the property-based fuzz (test/security/fuzz): a path that is not valid percent-encoding was
// answered by Fastify's router itself, `{error, code: FST_ERR_BAD_URL, …}` without the `field` every 400
// names.
let t: TestApp;
let admin: ReturnType<typeof client>;

beforeAll(async () => {
  t = await buildTestApp();
  admin = client(t, await t.login('admin'));
});
afterAll(async () => t.close());

describe('a path that is not valid percent-encoding', () => {
  it.each(['/api/users/%C0%AF', '/api/tickets/%E0%A4%A', '/api/calls/%'])(
    '%s answers 400 in the documented error shape, naming the url',
    async (url) => {
      const res = await admin.get(url);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual({
        statusCode: 400,
        code: 'FST_ERR_BAD_URL',
        message: expect.any(String),
        field: 'url',
      });
    },
  );
});
