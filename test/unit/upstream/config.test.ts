import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

const BRIDGE = { UPSTREAM_BASE_URL: 'https://y.example', UPSTREAM_SECRET: 'a-secret-long-enough' };
const PROD = { NODE_ENV: 'production', ADMIN_PASSWORD: 'a-long-admin-secret', ...BRIDGE };

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

describe('UPSTREAM_POLL_MS', () => {
  it.each<[string, Record<string, string>]>([
    ['production', PROD],
    ['development', { NODE_ENV: 'development', ...BRIDGE }],
    ['development in demo mode (the simulator’s bridge)', { NODE_ENV: 'development' }],
    ['test', { NODE_ENV: 'test', ...BRIDGE }],
  ])('refuses 0 at start under %s, naming the variable and what 0 would do', (_env, env) => {
    expect(problemsOf({ ...env, UPSTREAM_POLL_MS: '0' })).toEqual([
      expect.stringMatching(/^UPSTREAM_POLL_MS must be from 50 to 3600000: 0 would stop .* never be retried/),
    ]);
  });

  it('says so in the message main.ts prints before it exits', () => {
    expect(() => loadConfig({ ...PROD, UPSTREAM_POLL_MS: '0' })).toThrow(
      /invalid configuration:\n {2}- UPSTREAM_POLL_MS/,
    );
  });

  it('takes 50 to 3600000, and 1000 when unset', () => {
    expect(loadConfig({ ...PROD, UPSTREAM_POLL_MS: '50' }).upstream?.pollMs).toBe(50);
    expect(loadConfig({ ...PROD, UPSTREAM_POLL_MS: '3600000' }).upstream?.pollMs).toBe(3_600_000);
    expect(loadConfig(PROD).upstream?.pollMs).toBe(1000);
    expect(problemsOf({ ...PROD, UPSTREAM_POLL_MS: '-1' })).toEqual([
      'UPSTREAM_POLL_MS must be an integer from 50 to 3600000 (got "-1")',
    ]);
    // A poll every millisecond would keep a core busy looking for retries that a queued message wakes anyway.
    expect(problemsOf({ ...PROD, UPSTREAM_POLL_MS: '1' })).toEqual([
      'UPSTREAM_POLL_MS must be an integer from 50 to 3600000 (got "1")',
    ]);
  });
});
