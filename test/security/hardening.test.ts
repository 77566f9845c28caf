import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../server/core/security.js';
import { buildTestApp, client, PASSWORD, type TestApp } from '../helpers/app.js';
import { buildTicketInput } from '../helpers/factories.js';
import { buildOrder, createYantai, postSigned } from '../helpers/yantai.js';

const yantai = createYantai();
beforeAll(() => yantai.listen());
afterEach(() => yantai.reset());
afterAll(() => yantai.close());

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('sends a CSP for a same-origin SPA: own scripts only, inline styles, sockets, never framed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    const directives = Object.fromEntries(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data: blob:",
      'media-src': "'self' http: https:",
      'font-src': "'self' data:",
      'connect-src': "'self' ws: wss:",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
    });
    // Plain HTTP deployments (COOKIE_SECURE off) must not have their requests upgraded to HTTPS.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('lets recordings play from the origins RECORDING_ORIGINS names only, when it names any', async () => {
    const narrowed = await buildTestApp({ env: { RECORDING_ORIGINS: 'https://rec.penglai.gov.cn' } });
    try {
      const res = await narrowed.app.inject({ method: 'GET', url: '/api/health' });
      expect(String(res.headers['content-security-policy'])).toContain(
        "media-src 'self' https://rec.penglai.gov.cn;",
      );
    } finally {
      await narrowed.close();
    }
  });

  it('puts the same headers on errors and on API answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/tickets' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('leaves the browser headers off Yantai’s signed endpoints, which only a server calls', async () => {
    const res = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['x-frame-options']).toBeUndefined();
    // The supervisors' outbox view, under the same prefix, is a browser's: it keeps them.
    const outbox = await t.app.inject({ method: 'GET', url: '/api/upstream/outbox' });
    expect(outbox.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('keeps the Swagger UI loadable: its page only loads scripts and styles from files of its own', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const html = page.body;
    // Inline <script> blocks would be refused by script-src 'self': every script must have a src.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="/);
      expect(body?.trim()).toBe('');
    }
    for (const src of [...html.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!)) {
      const asset = await t.app.inject({ method: 'GET', url: new URL(src, 'http://x/api/docs/').pathname });
      expect(asset.statusCode, src).toBe(200);
    }
    const spec = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.statusCode).toBe(200);
  });

  it('turns on HSTS and upgrade-insecure-requests when the deployment is HTTPS (COOKIE_SECURE)', async () => {
    const secure = await buildTestApp({ env: { COOKIE_SECURE: 'true' } });
    try {
      const res = await secure.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});

describe('CORS', () => {
  it('is closed by default: no CORS headers for another origin, and no preflight', async () => {
    const t = await buildTestApp();
    try {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { origin: 'https://evil.example.com' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/tickets',
        headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('opens only to the origins listed in CORS_ORIGINS, with credentials', async () => {
    const t = await buildTestApp({ env: { CORS_ORIGINS: 'https://console.penglai.gov.cn' } });
    try {
      const allowed = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/tickets',
        headers: {
          origin: 'https://console.penglai.gov.cn',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
      expect(allowed.statusCode).toBe(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://console.penglai.gov.cn');
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      const other = await t.app.inject({
        method: 'GET',
        url: '/api/health',
        headers: { origin: 'https://evil.example.com' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('body size', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(() => t.close());

  it('answers 413 in the standard error JSON for a ticket body over BODY_LIMIT_BYTES, and stores nothing', async () => {
    const token = await t.login('operator1');
    const res = await client(t, token).post(
      '/api/tickets',
      buildTicketInput({ content: '噪'.repeat(3000), title: 'too large' }),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(typeof res.json().message).toBe('string');
    const list = await client(t, token).get('/api/tickets?q=too%20large');
    expect(list.json().total).toBe(0);
  });

  it('accepts a body just under the limit', async () => {
    const res = await client(t, await t.login('operator1')).post(
      '/api/tickets',
      buildTicketInput({ content: '噪'.repeat(1000) }),
    );
    expect(res.statusCode).toBe(201);
  });

  it('answers 413 on the signed Yantai endpoint too (its own raw-body parser keeps the limit)', async () => {
    const res = await postSigned(
      t,
      '/api/upstream/v1/orders',
      buildOrder(t, { content: '供暖'.repeat(2000) }),
    );
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers 413 for a login body over the limit before any password is checked', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'operator1', password: 'x'.repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After and the standard error JSON past UPSTREAM_RATE_LIMIT a minute', async () => {
    const t = await buildTestApp({ env: { UPSTREAM_RATE_LIMIT: '3' } });
    try {
      for (let i = 0; i < 3; i++) {
        const ok = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t));
        expect(ok.statusCode, ok.body).toBe(200);
      }
      const limited = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t));
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(limited.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
      // The notices endpoint shares the address's budget; the rest of the API is not limited.
      expect((await postSigned(t, '/api/upstream/v1/notices', {})).statusCode).toBe(429);
      const staff = client(t, await t.login('supervisor1'));
      for (let i = 0; i < 5; i++) expect((await staff.get('/api/tickets')).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('does not limit Yantai when UPSTREAM_RATE_LIMIT=0', async () => {
    const t = await buildTestApp({ env: { UPSTREAM_RATE_LIMIT: '0' } });
    try {
      for (let i = 0; i < 5; i++) {
        const res = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t));
        expect(res.statusCode).toBe(200);
        expect(res.headers['x-ratelimit-limit']).toBeUndefined();
      }
    } finally {
      await t.close();
    }
  });

  it('answers a login locked by failures with 429, Retry-After and the standard error JSON', async () => {
    const t = await buildTestApp({ env: { LOGIN_MAX_FAILURES: '2' } });
    try {
      const login = (password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'operator1', password },
        });
      expect((await login('wrong-password-1')).statusCode).toBe(401);
      expect((await login('wrong-password-2')).statusCode).toBe(401);
      const locked = await login(PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.headers['retry-after']).toBe(String(15 * 60));
      expect(locked.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    } finally {
      await t.close();
    }
  });
});

describe('session cookie', () => {
  const cookieOf = async (t: TestApp) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'operator1', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const raw = res.headers['set-cookie'];
    const line = (Array.isArray(raw) ? raw : [String(raw)]).find((c) => c.startsWith('hotline_session='));
    expect(line).toBeDefined();
    return line!.split(';').map((p) => p.trim().toLowerCase());
  };

  it('is httpOnly and SameSite=Lax, scoped to the whole site, and not Secure over plain HTTP', async () => {
    const t = await buildTestApp();
    try {
      const attrs = await cookieOf(t);
      expect(attrs).toContain('httponly');
      expect(attrs).toContain('samesite=lax');
      expect(attrs).toContain('path=/');
      expect(attrs).not.toContain('secure');
    } finally {
      await t.close();
    }
  });

  it('is Secure when COOKIE_SECURE is on', async () => {
    const t = await buildTestApp({ env: { COOKIE_SECURE: 'true' } });
    try {
      const attrs = await cookieOf(t);
      expect(attrs).toContain('secure');
      expect(attrs).toContain('httponly');
      expect(attrs).toContain('samesite=lax');
    } finally {
      await t.close();
    }
  });
});

describe('secret comparison', () => {
  it('tells equal secrets from different ones of any length', () => {
    expect(constantTimeEqual('test-cti-token-0123456789', 'test-cti-token-0123456789')).toBe(true);
    expect(constantTimeEqual('test-cti-token-0123456788', 'test-cti-token-0123456789')).toBe(false);
    expect(constantTimeEqual('test-cti-token', 'test-cti-token-0123456789')).toBe(false);
    expect(constantTimeEqual('', 'test-cti-token-0123456789')).toBe(false);
    expect(constantTimeEqual('test-cti-token-0123456789-and-more', 'test-cti-token-0123456789')).toBe(false);
  });
});
