/** Runtime configuration, read once from environment variables and validated. */
export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  /** Demo mode: seeds Penglai's directory and sample tickets on first start; never in production. */
  demo: boolean;
  port: number;
  host: string;
  databasePath: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlHours: number;
  /** Password of every demo login; accepted only in demo mode. */
  demoPassword: string | null;
  /** Password for the bootstrap `admin` user in production (created when no admin exists). */
  adminPassword: string | null;
  loginMaxFailures: number;
  loginWindowMinutes: number;
  cookieSecure: boolean;
  /** The Yantai bridge; null when not configured (its endpoints then answer 503). */
  upstream: UpstreamConfig | null;
  /** Bearer token of the telephony gateway on `/cti`; null refuses every gateway. */
  ctiToken: string | null;
  /** A console that missed more durable events than this is told to reload instead of replaying. */
  realtimeMaxReplay: number;
  /** How often the deadline scanner runs (0: only at start). */
  scanIntervalMs: number;
  /** How often connected supervisors get the wallboard (0: never). */
  wallboardIntervalMs: number;
  /** Telephony: IVR flows, the 89000 line's merge mode, command acks, wrap-up, opening hours. */
  calls: {
    flowsDir: string;
    mode89000: 'parallel' | 'forward' | 'end';
    ackTimeoutMs: number;
    wrapUpSec: number;
    ringTimeoutSec: number;
    /** 12345 answers around the clock; when false, the flows' schedule nodes follow the working calendar. */
    alwaysOpen: boolean;
    /** Longest wait per queue before the caller is offered a callback, overriding the flows (`general:60,…`). */
    queueMaxWaitSec: Record<string, number>;
  };
  /** Hardening (docs/security.md): body size, CORS allow-list, rate limit of Yantai's endpoints. */
  security: SecurityConfig;
}

export interface SecurityConfig {
  /** Larger request bodies answer 413. */
  bodyLimitBytes: number;
  /** Origins allowed to call the API from a browser (CORS); empty: no CORS headers at all. */
  corsOrigins: string[];
  /**
   * Where the console may play recordings from (the telephony platform's recording store): the CSP's media-src.
   * Empty: any http(s) address, as `call.recording` may send any.
   */
  recordingOrigins: string[];
  /** Requests per minute per client address on `/api/upstream/v1/*` (429 beyond); 0 turns it off. */
  upstreamRateLimit: number;
  /** Web appeals (网上诉求) one client address may submit per hour (429 beyond); 0 turns it off. */
  webAppealsPerHour: number;
  /** Progress lookups (办理进度查询) one client address may make per 10 minutes (429 beyond); 0 turns it off. */
  webLookupsPer10Min: number;
  /** Failed lookups one ticket number, or one phone, may have per hour from any address (429 beyond); 0: off. */
  webLookupMissesPerHour: number;
}

export interface UpstreamConfig {
  baseUrl: string;
  secret: string;
  retry: { baseMs: number; capMs: number; budget: number };
  /** No answer within this long counts as a failed attempt. */
  timeoutMs: number;
  /**
   * How often the outbox worker looks for due messages (retries, and what a restart left pending), besides when a
   * commit or a manual retry wakes it. Tests that drive the worker by hand set an hour.
   */
  pollMs: number;
}

/** Demo defaults: the simulator (`npm run simulate -- upstream`) listens here with this secret. */
export const DEMO_UPSTREAM = { baseUrl: 'http://127.0.0.1:4100', secret: 'demo-upstream-secret' } as const;

/** Thrown when the environment is unusable; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * The outbox worker's shortest poll. A poll is one indexed query; every 50 ms is harmless, every millisecond would
 * keep a core busy for nothing (a queued message wakes the worker anyway; the poll only finds retries come due).
 */
const MIN_POLL_MS = 50;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Builds the configuration from `env`, refusing missing secrets in production. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const rawEnv = env.NODE_ENV ?? 'development';
  let nodeEnv: Config['nodeEnv'] = 'development';
  if (rawEnv === 'production' || rawEnv === 'test' || rawEnv === 'development') nodeEnv = rawEnv;
  else problems.push(`NODE_ENV must be development, production or test (got "${rawEnv}")`);
  const production = nodeEnv === 'production';

  const demo = bool('DEMO', !production);
  if (production && demo) problems.push('DEMO cannot be enabled when NODE_ENV=production');

  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const host = env.HOST ?? '127.0.0.1';
  if (host === '') problems.push('HOST must not be empty');

  let demoPassword: string | null = null;
  if (demo) {
    demoPassword = env.DEMO_PASSWORD ?? 'demo12345';
    if (demoPassword.length < 8) problems.push('DEMO_PASSWORD must have at least 8 characters');
  } else if (env.DEMO_PASSWORD) {
    problems.push('DEMO_PASSWORD is only accepted in demo mode');
  }

  const adminPassword = env.ADMIN_PASSWORD ?? null;
  if (production && !adminPassword) problems.push('ADMIN_PASSWORD is required when NODE_ENV=production');
  if (adminPassword !== null && adminPassword.length < 12) {
    problems.push('ADMIN_PASSWORD must have at least 12 characters');
  }

  let upstream: UpstreamConfig | null = null;
  const baseUrl = env.UPSTREAM_BASE_URL || (demo ? DEMO_UPSTREAM.baseUrl : '');
  const secret = env.UPSTREAM_SECRET || (demo ? DEMO_UPSTREAM.secret : '');
  if (baseUrl || secret) {
    if (!secret)
      problems.push(
        'UPSTREAM_SECRET is required when the Yantai bridge is enabled (UPSTREAM_BASE_URL is set)',
      );
    else if (!demo && secret.length < 16) problems.push('UPSTREAM_SECRET must have at least 16 characters');
    if (!baseUrl) problems.push('UPSTREAM_BASE_URL is required when UPSTREAM_SECRET is set');
    else if (!/^https?:\/\/[^\s]+$/.test(baseUrl))
      problems.push(`UPSTREAM_BASE_URL must be an http(s) URL (got "${baseUrl}")`);
    upstream = {
      baseUrl: baseUrl.replace(/\/+$/, ''),
      secret,
      retry: {
        baseMs: int('UPSTREAM_RETRY_BASE_MS', 2_000, 1, 3_600_000),
        capMs: int('UPSTREAM_RETRY_CAP_MS', 600_000, 1, 86_400_000),
        budget: int('UPSTREAM_RETRY_BUDGET', 20, 1, 1000),
      },
      timeoutMs: int('UPSTREAM_TIMEOUT_MS', 10_000, 1, 120_000),
      pollMs: env.UPSTREAM_POLL_MS === '0' ? 1_000 : int('UPSTREAM_POLL_MS', 1_000, MIN_POLL_MS, 3_600_000),
    };
    // Said apart from the range: 0 reads as "never" or "as fast as possible", and would be neither.
    if (env.UPSTREAM_POLL_MS === '0')
      problems.push(
        `UPSTREAM_POLL_MS must be from ${MIN_POLL_MS} to 3600000: 0 would stop the outbox worker from polling, so a message to Yantai that failed once would never be retried`,
      );
  }

  const config: Config = {
    nodeEnv,
    demo,
    port: int('PORT', 3000, 0, 65535),
    host,
    databasePath: env.DATABASE_PATH || 'data/hotline.db',
    logLevel,
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    demoPassword,
    adminPassword,
    loginMaxFailures: int('LOGIN_MAX_FAILURES', 5, 1, 100),
    loginWindowMinutes: int('LOGIN_WINDOW_MINUTES', 15, 1, 24 * 60),
    cookieSecure: bool('COOKIE_SECURE', production),
    upstream,
    ctiToken: env.CTI_TOKEN || (demo ? 'demo-cti-token' : null),
    realtimeMaxReplay: int('REALTIME_MAX_REPLAY', 5000, 1, 1_000_000),
    scanIntervalMs: int('SCAN_INTERVAL_MS', 30_000, 0, 3_600_000),
    wallboardIntervalMs: int('WALLBOARD_INTERVAL_MS', 5_000, 0, 3_600_000),
    calls: {
      flowsDir: env.IVR_FLOWS_DIR || 'ivr-flows',
      mode89000: 'parallel',
      ackTimeoutMs: int('CTI_ACK_TIMEOUT_MS', 3_000, 10, 120_000),
      wrapUpSec: int('WRAP_UP_SEC', 15, 0, 3_600),
      ringTimeoutSec: int('RING_TIMEOUT_SEC', 20, 0, 600),
      alwaysOpen: bool('HOTLINE_ALWAYS_OPEN', true),
      queueMaxWaitSec: {},
    },
    security: {
      bodyLimitBytes: int('BODY_LIMIT_BYTES', 1_048_576, 1024, 104_857_600),
      corsOrigins: [],
      recordingOrigins: [],
      upstreamRateLimit: int('UPSTREAM_RATE_LIMIT', 10_000, 0, 1_000_000),
      webAppealsPerHour: int('WEB_APPEALS_PER_HOUR', 5, 0, 100_000),
      webLookupsPer10Min: int('WEB_LOOKUPS_PER_10MIN', 30, 0, 1_000_000),
      webLookupMissesPerHour: int('WEB_LOOKUP_MISSES_PER_HOUR', 10, 0, 1_000_000),
    },
  };
  for (const origin of (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)) {
    // An origin is scheme, host and port: no path, no wildcard (the session cookie rides on CORS requests).
    if (/^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?$/.test(origin)) config.security.corsOrigins.push(origin);
    else
      problems.push(`CORS_ORIGINS must list origins like https://console.example.gov.cn (got "${origin}")`);
  }
  for (const origin of (env.RECORDING_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)) {
    if (/^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?$/.test(origin))
      config.security.recordingOrigins.push(origin);
    else
      problems.push(`RECORDING_ORIGINS must list origins like https://rec.example.gov.cn (got "${origin}")`);
  }
  for (const part of (env.QUEUE_MAX_WAIT_SEC ?? '').split(',').filter(Boolean)) {
    const [queue, sec] = part.split(':');
    const n = Number(sec);
    if (!queue || !/^[a-z_]+$/.test(queue) || !Number.isInteger(n) || n < 1 || n > 3600) {
      problems.push(`QUEUE_MAX_WAIT_SEC must look like general:60,enterprise:30 (got "${part}")`);
    } else config.calls.queueMaxWaitSec[queue] = n;
  }
  const mode = env.IVR_89000_MODE || 'parallel';
  if (mode === 'parallel' || mode === 'forward' || mode === 'end') config.calls.mode89000 = mode;
  else problems.push(`IVR_89000_MODE must be parallel, forward or end (got "${mode}")`);
  if (config.ctiToken !== null && !demo && config.ctiToken.length < 16) {
    problems.push('CTI_TOKEN must have at least 16 characters');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
