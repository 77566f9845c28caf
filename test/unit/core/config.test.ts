import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

/** The problems a ConfigError lists for `env`, or fails when the environment is accepted. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

const PROD = { NODE_ENV: 'production', ADMIN_PASSWORD: 'a-long-admin-secret' };

describe('loadConfig defaults', () => {
  it('runs the demo on 127.0.0.1:3000 with data/hotline.db when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      demo: true,
      port: 3000,
      host: '127.0.0.1',
      databasePath: 'data/hotline.db',
      logLevel: 'info',
      sessionTtlHours: 12,
      loginMaxFailures: 5,
      loginWindowMinutes: 15,
      cookieSecure: false,
      adminPassword: null,
    });
    expect(config.demoPassword).toBe('demo12345');
  });

  it('runs the demo by default under NODE_ENV=test as well', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).demo).toBe(true);
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ PORT: '', DATABASE_PATH: '', DEMO: '', SESSION_TTL_HOURS: '' });
    expect(config).toMatchObject({
      port: 3000,
      databasePath: 'data/hotline.db',
      demo: true,
      sessionTtlHours: 12,
    });
  });

  it('turns the demo off and cookies secure by default in production', () => {
    const config = loadConfig(PROD);
    expect(config).toMatchObject({ nodeEnv: 'production', demo: false, cookieSecure: true });
    expect(config.demoPassword).toBeNull();
    expect(config.adminPassword).toBe('a-long-admin-secret');
  });
});

describe('loadConfig reads the environment', () => {
  it('takes every documented variable', () => {
    const config = loadConfig({
      NODE_ENV: 'development',
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_PATH: '/var/lib/hotline/h.db',
      LOG_LEVEL: 'warn',
      SESSION_TTL_HOURS: '8',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_WINDOW_MINUTES: '30',
      COOKIE_SECURE: 'true',
      DEMO_PASSWORD: 'another-demo-pw',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/var/lib/hotline/h.db',
      logLevel: 'warn',
      sessionTtlHours: 8,
      loginMaxFailures: 3,
      loginWindowMinutes: 30,
      cookieSecure: true,
      demoPassword: 'another-demo-pw',
    });
  });

  it.each([
    ['1', true],
    ['yes', true],
    ['ON', true],
    ['0', false],
    ['false', false],
    ['off', false],
  ])('reads DEMO=%s as %s', (raw, demo) => {
    expect(loadConfig({ DEMO: raw }).demo).toBe(demo);
  });
});

describe('loadConfig refuses bad values', () => {
  it('lists every bad value at once in one ConfigError', () => {
    const problems = problemsOf({
      NODE_ENV: 'staging',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      SESSION_TTL_HOURS: '0',
      LOGIN_MAX_FAILURES: '2.5',
      COOKIE_SECURE: 'maybe',
    });
    expect(problems).toHaveLength(6);
    for (const name of [
      'NODE_ENV',
      'PORT',
      'LOG_LEVEL',
      'SESSION_TTL_HOURS',
      'LOGIN_MAX_FAILURES',
      'COOKIE_SECURE',
    ]) {
      expect(problems.some((p) => p.startsWith(name))).toBe(true);
    }
  });

  it('puts every problem in the error message', () => {
    let message = '';
    try {
      loadConfig({ PORT: '-1', HOST: '' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('PORT must be');
    expect(message).toContain('HOST must not be empty');
  });

  it.each([
    ['PORT', '65536'],
    ['PORT', '3000abc'],
    ['SESSION_TTL_HOURS', '721'],
    ['LOGIN_WINDOW_MINUTES', '0'],
    ['LOGIN_MAX_FAILURES', '101'],
    ['DEMO', 'perhaps'],
    ['HOST', ''],
  ])('refuses %s=%j', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('quotes the offending value so the operator can find it', () => {
    expect(problemsOf({ PORT: 'eighty' })[0]).toContain('"eighty"');
  });
});

describe('loadConfig secrets', () => {
  it('refuses to start in production without ADMIN_PASSWORD', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.some((p) => p.includes('ADMIN_PASSWORD'))).toBe(true);
  });

  it('refuses DEMO=1 in production even with an admin password', () => {
    const problems = problemsOf({ ...PROD, DEMO: '1' });
    expect(problems.some((p) => p.startsWith('DEMO '))).toBe(true);
  });

  it('refuses DEMO_PASSWORD in production', () => {
    const problems = problemsOf({ ...PROD, DEMO_PASSWORD: 'demo12345' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('DEMO_PASSWORD');
  });

  it('lists a missing ADMIN_PASSWORD and a demo in production together', () => {
    const problems = problemsOf({ NODE_ENV: 'production', DEMO: 'true', DEMO_PASSWORD: 'demo12345' });
    expect(problems.some((p) => p.includes('ADMIN_PASSWORD'))).toBe(true);
    expect(problems.some((p) => p.startsWith('DEMO '))).toBe(true);
  });

  it('refuses an ADMIN_PASSWORD shorter than 12 characters', () => {
    const problems = problemsOf({ NODE_ENV: 'production', ADMIN_PASSWORD: 'short-pw' });
    expect(problems).toEqual([expect.stringContaining('ADMIN_PASSWORD')]);
  });

  it('refuses a DEMO_PASSWORD shorter than 8 characters in demo mode', () => {
    expect(problemsOf({ DEMO_PASSWORD: 'demo' })).toEqual([expect.stringContaining('DEMO_PASSWORD')]);
  });

  it('has no default password when the demo is off outside production', () => {
    const config = loadConfig({ NODE_ENV: 'development', DEMO: '0' });
    expect(config.demo).toBe(false);
    expect(config.demoPassword).toBeNull();
    expect(config.adminPassword).toBeNull();
  });

  it('refuses DEMO_PASSWORD when the demo is off outside production', () => {
    expect(problemsOf({ DEMO: 'off', DEMO_PASSWORD: 'demo12345' })).toEqual([
      expect.stringContaining('DEMO_PASSWORD'),
    ]);
  });

  it('takes ADMIN_PASSWORD outside production too', () => {
    expect(loadConfig({ ADMIN_PASSWORD: 'a-long-admin-secret' }).adminPassword).toBe('a-long-admin-secret');
  });
});

describe('loadConfig for the Yantai bridge', () => {
  it('points the demo at the local simulator with the demo secret', () => {
    expect(loadConfig({}).upstream).toMatchObject({
      baseUrl: 'http://127.0.0.1:4100',
      secret: 'demo-upstream-secret',
      timeoutMs: 10_000,
      retry: { baseMs: 2_000, capMs: 600_000, budget: 20 },
    });
  });

  it('is off in production until configured', () => {
    expect(loadConfig(PROD).upstream).toBeNull();
  });

  it('refuses to start in production with the bridge enabled and no secret, saying why', () => {
    expect(problemsOf({ ...PROD, UPSTREAM_BASE_URL: 'https://12345.yantai.example/api' })).toContain(
      'UPSTREAM_SECRET is required when the Yantai bridge is enabled (UPSTREAM_BASE_URL is set)',
    );
  });

  it('refuses a secret without a base URL, a short secret, and a URL that is not http(s)', () => {
    expect(problemsOf({ ...PROD, UPSTREAM_SECRET: 'a-secret-long-enough' })).toContain(
      'UPSTREAM_BASE_URL is required when UPSTREAM_SECRET is set',
    );
    expect(
      problemsOf({ ...PROD, UPSTREAM_BASE_URL: 'https://y.example', UPSTREAM_SECRET: 'short' }),
    ).toContain('UPSTREAM_SECRET must have at least 16 characters');
    expect(
      problemsOf({ ...PROD, UPSTREAM_BASE_URL: 'ftp://y.example', UPSTREAM_SECRET: 'a-secret-long-enough' }),
    ).toEqual([expect.stringContaining('UPSTREAM_BASE_URL must be an http(s) URL')]);
  });

  it('takes the retry settings and drops a trailing slash from the base URL', () => {
    const config = loadConfig({
      ...PROD,
      UPSTREAM_BASE_URL: 'https://y.example/api/',
      UPSTREAM_SECRET: 'a-secret-long-enough',
      UPSTREAM_RETRY_BASE_MS: '500',
      UPSTREAM_RETRY_CAP_MS: '60000',
      UPSTREAM_RETRY_BUDGET: '5',
      UPSTREAM_TIMEOUT_MS: '3000',
      UPSTREAM_POLL_MS: '250',
    });
    expect(config.upstream).toEqual({
      baseUrl: 'https://y.example/api',
      secret: 'a-secret-long-enough',
      retry: { baseMs: 500, capMs: 60_000, budget: 5 },
      timeoutMs: 3000,
      pollMs: 250,
    });
  });
});

describe('loadConfig for calls', () => {
  it('takes the 89000 merge mode and the longest queue waits, and refuses bad ones', () => {
    const config = loadConfig({ IVR_89000_MODE: 'forward', QUEUE_MAX_WAIT_SEC: 'general:45,enterprise:20' });
    expect(config.calls).toMatchObject({
      mode89000: 'forward',
      queueMaxWaitSec: { general: 45, enterprise: 20 },
    });
    expect(loadConfig({}).calls).toMatchObject({ mode89000: 'parallel', wrapUpSec: 15, alwaysOpen: true });
    expect(problemsOf({ IVR_89000_MODE: 'merge' })).toEqual([expect.stringContaining('IVR_89000_MODE')]);
    expect(problemsOf({ QUEUE_MAX_WAIT_SEC: 'general:forever' })).toEqual([
      expect.stringContaining('QUEUE_MAX_WAIT_SEC'),
    ]);
  });
});
