import { describe, expect, it } from 'vitest';
import { signatureOf } from '../../../server/upstream/upstream.signature.js';
import { YANTAI_SECRET } from '../../helpers/app.js';
import { MINUTE } from '../../helpers/clock.js';
import { buildNotice, buildOrder, postSigned } from '../../helpers/yantai.js';
import { restartApp, snapshot, t, useInboundApp } from './inbound-setup.js';

useInboundApp();

describe('the signature', () => {
  type Tamper = Parameters<typeof postSigned>[3] & { rawBody?: string };
  it.each<[string, Tamper]>([
    ['a wrong secret', { secret: 'not-the-shared-secret' }],
    ['a stale timestamp', { timestamp: Date.parse('2026-11-23T08:54:00+08:00') }],
    ['a timestamp from the future', { timestamp: Date.parse('2026-11-23T09:06:00+08:00') }],
    ['a tampered body', { rawBody: 'TAMPER' }],
    ['no X-Signature', { omit: 'x-signature' }],
    ['no X-Nonce', { omit: 'x-nonce' }],
    ['no X-Timestamp', { omit: 'x-timestamp' }],
    ['a short nonce', { nonce: 'abc' }],
  ])('refuses %s with 401 and stores nothing', async (_name, opts) => {
    const order = buildOrder(t);
    const body = opts.rawBody === 'TAMPER' ? JSON.stringify({ ...order, title: '篡改后的标题' }) : undefined;
    const before = snapshot();
    const res = await postSigned(t, '/api/upstream/v1/orders', order, {
      ...opts,
      ...(body ? { rawBody: body } : {}),
    });
    expect(res.statusCode, res.body).toBe(401);
    expect(snapshot()).toEqual(before);
  });

  it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
    'answers a correctly signed %s body with 415 UNSUPPORTED_MEDIA_TYPE, not a signature refusal, and stores nothing',
    async (contentType) => {
      const before = snapshot();
      const res = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t), { contentType });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      expect(snapshot()).toEqual(before);
    },
  );

  it('accepts a timestamp within five minutes either way', async () => {
    const early = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t), {
      timestamp: t.clock.now() - 4 * MINUTE,
    });
    const late = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t), {
      timestamp: t.clock.now() + 4 * MINUTE,
    });
    expect([early.statusCode, late.statusCode]).toEqual([200, 200]);
  });

  it('refuses a nonce used before, also after a restart', async () => {
    const nonce = 'nonce-used-only-once-0001';
    expect((await postSigned(t, '/api/upstream/v1/orders', buildOrder(t), { nonce })).statusCode).toBe(200);
    const replay = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t), { nonce });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ message: expect.stringContaining('X-Nonce') });
    await restartApp();
    const before = snapshot();
    expect((await postSigned(t, '/api/upstream/v1/orders', buildOrder(t), { nonce })).statusCode).toBe(401);
    expect(snapshot()).toEqual(before);
  });

  // DESIGN §5: a nonce already seen in the window is refused, whatever became of its first request. Else a
  // request refused now (a 404, a 409) could be replayed later, when it would succeed.
  it('keeps the nonce of a request refused after its signature: the replay is 401, also once it would succeed', async () => {
    const nonce = 'nonce-of-a-refused-notice';
    const order = buildOrder(t);
    const early = buildNotice(t, order.orderNo, 'urge');
    expect((await postSigned(t, '/api/upstream/v1/notices', early, { nonce })).statusCode).toBe(404);
    expect(snapshot().nonces).toMatchObject([{ nonce }]);
    expect((await postSigned(t, '/api/upstream/v1/orders', order)).statusCode).toBe(200);
    const before = snapshot();
    const replay = await postSigned(t, '/api/upstream/v1/notices', early, { nonce });
    expect(replay.statusCode).toBe(401);
    expect(snapshot()).toEqual(before);
    // The same notice under a fresh nonce is a new request, and applies.
    expect((await postSigned(t, '/api/upstream/v1/notices', early)).statusCode).toBe(200);
  });

  it.each([
    ['breaks the schema', { urgency: 'very' }],
    [
      'has a due time before its signing time',
      { signDueAt: '2026-11-30T09:00:00+08:00', dueAt: '2026-11-29T09:00:00+08:00' },
    ],
  ])(
    'keeps the nonce of a signed order that %s: 400, then 401 for the replay, and no ticket',
    async (_case, change) => {
      const nonce = `nonce-${Math.random().toString(36).slice(2)}-x`;
      const bad = buildOrder(t, change);
      expect((await postSigned(t, '/api/upstream/v1/orders', bad, { nonce })).statusCode).toBe(400);
      expect((await postSigned(t, '/api/upstream/v1/orders', bad, { nonce })).statusCode).toBe(401);
      const after = snapshot();
      expect(after.tickets).toEqual([]);
      expect(after.nonces).toMatchObject([{ nonce }]);
    },
  );

  it('checks the signature before the body: a bad signature on garbage is 401, a good one 400', async () => {
    const garbage = await postSigned(
      t,
      '/api/upstream/v1/orders',
      {},
      { rawBody: '{not json', secret: 'wrong-secret-xx' },
    );
    expect(garbage.statusCode).toBe(401);
    const signedGarbage = await t.app.inject({
      method: 'POST',
      url: '/api/upstream/v1/orders',
      headers: (() => {
        const ts = String(t.clock.now());
        const nonce = 'garbage-nonce-000001';
        return {
          'content-type': 'application/json',
          'x-timestamp': ts,
          'x-nonce': nonce,
          'x-signature': signatureOf(YANTAI_SECRET, ts, nonce, '{not json'),
        };
      })(),
      payload: '{not json',
    });
    expect(signedGarbage.statusCode).toBe(400);
  });
});
