import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig hardening settings', () => {
  it('limits bodies to 1 MiB, keeps CORS closed, allows Yantai 10,000 requests a minute and a citizen 5 appeals an hour and 30 lookups in 10 minutes by default', () => {
    expect(loadConfig({}).security).toEqual({
      bodyLimitBytes: 1_048_576,
      corsOrigins: [],
      recordingOrigins: [],
      upstreamRateLimit: 10_000,
      webAppealsPerHour: 5,
      webLookupsPer10Min: 30,
      webLookupMissesPerHour: 10,
    });
  });

  it('takes BODY_LIMIT_BYTES, CORS_ORIGINS, UPSTREAM_RATE_LIMIT and the web limits (0 turns a limit off)', () => {
    const config = loadConfig({
      BODY_LIMIT_BYTES: '65536',
      CORS_ORIGINS: 'https://console.penglai.gov.cn, http://10.1.2.3:8080',
      RECORDING_ORIGINS: 'https://rec.penglai.gov.cn:8443',
      UPSTREAM_RATE_LIMIT: '0',
      WEB_APPEALS_PER_HOUR: '0',
      WEB_LOOKUPS_PER_10MIN: '100',
      WEB_LOOKUP_MISSES_PER_HOUR: '0',
    });
    expect(config.security).toEqual({
      bodyLimitBytes: 65_536,
      corsOrigins: ['https://console.penglai.gov.cn', 'http://10.1.2.3:8080'],
      recordingOrigins: ['https://rec.penglai.gov.cn:8443'],
      upstreamRateLimit: 0,
      webAppealsPerHour: 0,
      webLookupsPer10Min: 100,
      webLookupMissesPerHour: 0,
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ BODY_LIMIT_BYTES: '', CORS_ORIGINS: '', UPSTREAM_RATE_LIMIT: '' }).security).toEqual(
      loadConfig({}).security,
    );
  });

  it('refuses a body limit below 1 KiB or not a whole number, and a negative rate limit', () => {
    const problems = problemsOf({
      BODY_LIMIT_BYTES: '100',
      UPSTREAM_RATE_LIMIT: '-1',
      WEB_APPEALS_PER_HOUR: 'many',
    });
    expect(problems).toEqual([
      expect.stringContaining('BODY_LIMIT_BYTES must be an integer from 1024'),
      expect.stringContaining('UPSTREAM_RATE_LIMIT must be an integer from 0'),
      expect.stringContaining('WEB_APPEALS_PER_HOUR must be an integer from 0'),
    ]);
    expect(problemsOf({ BODY_LIMIT_BYTES: '1mb' })[0]).toContain('BODY_LIMIT_BYTES');
  });

  it('refuses a wildcard, a path or a bare host in CORS_ORIGINS, naming each', () => {
    const problems = problemsOf({
      CORS_ORIGINS: '*,https://ok.example.cn,https://x.example.cn/app,x.example.cn',
    });
    expect(problems).toEqual([
      expect.stringContaining('(got "*")'),
      expect.stringContaining('(got "https://x.example.cn/app")'),
      expect.stringContaining('(got "x.example.cn")'),
    ]);
  });

  it('refuses RECORDING_ORIGINS that are not origins, naming each', () => {
    expect(
      problemsOf({ RECORDING_ORIGINS: 'https://rec.example.cn,https://rec.example.cn/files,*' }),
    ).toEqual([
      expect.stringContaining(
        'RECORDING_ORIGINS must list origins like https://rec.example.gov.cn (got "https://rec.example.cn/files")',
      ),
      expect.stringContaining('(got "*")'),
    ]);
  });
});
