import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { APP_MODES, type AppConfig, type AppMode, LOG_LEVELS, type LogLevel } from './app-config';
import { findRepoRoot } from './repo-root.util';

/** The environment as read at boot. Empty strings count as unset. */
export type ConfigEnv = Readonly<Record<string, string | undefined>>;

/**
 * Typed values that win over the environment, e.g. `{ databaseUrl }` from `createTestDatabase()`.
 * They go through the same validation as the variables they stand for.
 */
export interface AppConfigOverrides {
  readonly mode?: AppMode;
  readonly host?: string;
  readonly port?: number;
  readonly databaseUrl?: string;
  readonly databaseReadUrl?: string;
  readonly dataDir?: string;
  readonly embeddedPgPort?: number;
  readonly logLevel?: LogLevel;
  readonly bodyLimit?: string;
  readonly seedDemo?: boolean;
  readonly jobsEnabled?: boolean;
  readonly jobPollMs?: number;
  readonly deadlineSweepMs?: number;
  readonly webhookRetryBaseMs?: number;
  readonly webhookMaxAttempts?: number;
  readonly webhookTimeoutMs?: number;
  readonly dbPoolSize?: number;
  readonly tenantCode?: string;
  readonly jwtSecret?: string;
  readonly accessTtlSeconds?: number;
  readonly loginLimit?: number;
  readonly oidcIssuer?: string;
  readonly oidcJwksUrl?: string;
  readonly oidcAudience?: string;
  readonly webhookAllowPrivateNetworks?: boolean;
}

export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** Thrown by `loadAppConfig` when a variable is invalid; its message names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const OVERRIDE_VARIABLES: Readonly<Record<keyof AppConfigOverrides, string>> = {
  mode: 'LT_MODE',
  host: 'HOST',
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  databaseReadUrl: 'DATABASE_READ_URL',
  dataDir: 'DATA_DIR',
  embeddedPgPort: 'EMBEDDED_PG_PORT',
  logLevel: 'LOG_LEVEL',
  bodyLimit: 'BODY_LIMIT',
  seedDemo: 'SEED_DEMO',
  jobsEnabled: 'JOBS_ENABLED',
  jobPollMs: 'JOB_POLL_MS',
  deadlineSweepMs: 'DEADLINE_SWEEP_MS',
  webhookRetryBaseMs: 'WEBHOOK_RETRY_BASE_MS',
  webhookMaxAttempts: 'WEBHOOK_MAX_ATTEMPTS',
  webhookTimeoutMs: 'WEBHOOK_TIMEOUT_MS',
  dbPoolSize: 'DB_POOL_SIZE',
  tenantCode: 'TENANT_CODE',
  jwtSecret: 'AUTH_JWT_SECRET',
  accessTtlSeconds: 'AUTH_ACCESS_TTL',
  loginLimit: 'AUTH_LOGIN_LIMIT',
  oidcIssuer: 'OIDC_ISSUER',
  oidcJwksUrl: 'OIDC_JWKS_URL',
  oidcAudience: 'OIDC_AUDIENCE',
  webhookAllowPrivateNetworks: 'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
};

/** The development secret: fine on a laptop, refused in production mode. */
export const DEFAULT_JWT_SECRET = 'lienthong-development-secret-do-not-use-in-production';

const DEFAULT_LOG_LEVEL: Readonly<Record<AppMode, LogLevel>> = {
  development: 'info',
  production: 'info',
  test: 'warn',
};

/**
 * Validates the environment once into a deeply frozen `AppConfig`.
 * This (through its default argument) is the only place of the engine that reads `process.env`.
 * @throws ConfigError naming each invalid variable
 */
export function loadAppConfig(
  env: ConfigEnv = process.env,
  overrides: AppConfigOverrides = {},
  repoRoot: string = findRepoRoot(),
): AppConfig {
  const vars = new EnvReader({ ...env, ...overridesToEnv(overrides) });

  const modeVariable = vars.has('LT_MODE') ? 'LT_MODE' : 'NODE_ENV';
  const mode = vars.oneOf(modeVariable, APP_MODES, 'development');
  const dataDir = resolve(repoRoot, vars.string('DATA_DIR', '.data'));
  const bodyLimit = vars.string('BODY_LIMIT', '1mb');

  const config: AppConfig = {
    mode,
    version: readEngineVersion(repoRoot),
    repoRoot,
    dataDir,
    logLevel: vars.oneOf('LOG_LEVEL', LOG_LEVELS, DEFAULT_LOG_LEVEL[mode]),
    seedDemo: vars.boolean('SEED_DEMO', mode !== 'production'),
    http: {
      host: vars.host('HOST', '127.0.0.1'),
      port: vars.integer('PORT', 3000, 0, 65535),
      bodyLimit,
      bodyLimitBytes: vars.byteSize('BODY_LIMIT', '1mb', 1024, 1024 ** 3),
      workers: readWorkers(vars, mode),
    },
    database: {
      url: vars.postgresUrl('DATABASE_URL'),
      readUrl: vars.postgresUrl('DATABASE_READ_URL'),
      poolSize: vars.integer('DB_POOL_SIZE', 20, 2, 1000),
      embedded: {
        dataDir: join(dataDir, 'pg'),
        port: vars.integer('EMBEDDED_PG_PORT', 54329, 1, 65535),
      },
    },
    tenant: { code: readTenantCode(vars) },
    jobs: {
      enabled: vars.boolean('JOBS_ENABLED', true),
      pollMs: vars.integer('JOB_POLL_MS', 1000, 10, 3_600_000),
      deadlineSweepMs: vars.integer('DEADLINE_SWEEP_MS', 5000, 0, 3_600_000),
    },
    dossiers: { supplementRequestDays: vars.integer('SUPPLEMENT_REQUEST_DAYS', 3, 1, 30) },
    messages: { ttlSeconds: vars.integer('MESSAGE_TTL', 7 * 86_400, 1, 365 * 86_400) },
    webhooks: {
      retryBaseMs: vars.integer('WEBHOOK_RETRY_BASE_MS', 1000, 1, 3_600_000),
      maxAttempts: vars.integer('WEBHOOK_MAX_ATTEMPTS', 12, 1, 100),
      timeoutMs: vars.integer('WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
      allowPrivateNetworks: vars.boolean('WEBHOOK_ALLOW_PRIVATE_NETWORKS', mode !== 'production'),
      logDays: vars.integer('WEBHOOK_LOG_DAYS', 30, 1, 3650),
    },
    auth: readAuth(vars, mode),
  };
  if (config.database.readUrl !== undefined && config.database.url === undefined) {
    // The embedded server has no standby: a read URL would name some other server's data.
    vars.fail('DATABASE_READ_URL', 'needs DATABASE_URL (a standby of that server)', undefined);
  }
  if (vars.problems.length > 0) throw new ConfigError(vars.problems);
  return deepFreeze(config);
}

function readAuth(vars: EnvReader, mode: AppMode): AppConfig['auth'] {
  const jwtSecret = vars.string('AUTH_JWT_SECRET', DEFAULT_JWT_SECRET);
  if (jwtSecret.length < 32) vars.fail('AUTH_JWT_SECRET', 'must be at least 32 characters long', '');
  const jwtSecretIsDefault = jwtSecret === DEFAULT_JWT_SECRET;
  if (mode === 'production' && vars.boolean('SEED_DEMO', false)) {
    vars.fail('SEED_DEMO', 'demo accounts and data are never seeded in production mode', false);
  }
  if (mode === 'production' && jwtSecretIsDefault) {
    vars.fail('AUTH_JWT_SECRET', 'must be set in production mode (the development default is public)', '');
  }
  const issuer = vars.string('OIDC_ISSUER', '').replace(/\/+$/, '');
  const secretsKey = vars.string('SECRETS_KEY', jwtSecret);
  if (secretsKey.length < 32) vars.fail('SECRETS_KEY', 'must be at least 32 characters long', '');
  return {
    jwtSecret,
    jwtSecretIsDefault,
    secretsKey,
    accessTtlSeconds: vars.integer('AUTH_ACCESS_TTL', 900, 1, 86_400),
    refreshTtlSeconds: vars.integer('AUTH_REFRESH_TTL', 7 * 86_400, 60, 90 * 86_400),
    loginLimit: vars.integer('AUTH_LOGIN_LIMIT', 10, 1, 10_000),
    loginWindowSeconds: vars.integer('AUTH_LOGIN_WINDOW', 60, 1, 86_400),
    demoPassword: vars.string('DEMO_PASSWORD', 'demo'),
    bootstrapAdmin: readBootstrapAdmin(vars),
    oidc:
      issuer === ''
        ? null
        : {
            issuer,
            jwksUrl: vars.string('OIDC_JWKS_URL', `${issuer}/protocol/openid-connect/certs`),
            audience: vars.has('OIDC_AUDIENCE') ? vars.string('OIDC_AUDIENCE', '') : undefined,
            usernameClaim: vars.string('OIDC_USERNAME_CLAIM', 'preferred_username'),
            only: vars.boolean('OIDC_ONLY', false),
          },
  };
}

/** `TENANT_CODE`: letters, digits, `-` or `_`, 1 to 20 (it goes into a connection's startup options). */
function readTenantCode(vars: EnvReader): string {
  const code = vars.string('TENANT_CODE', '00');
  if (/^[A-Za-z0-9_-]{1,20}$/.test(code)) return code;
  return vars.fail('TENANT_CODE', `must be 1 to 20 letters, digits, "-" or "_" (got "${code}")`, '00');
}

function readBootstrapAdmin(vars: EnvReader): AppConfig['auth']['bootstrapAdmin'] {
  if (!vars.has('ADMIN_USERNAME')) return null;
  const password = vars.string('ADMIN_PASSWORD', '');
  if (password.length < 12)
    vars.fail('ADMIN_PASSWORD', 'must be set, at least 12 characters, with ADMIN_USERNAME', '');
  return {
    username: vars.string('ADMIN_USERNAME', '').trim().toLowerCase(),
    password,
    unit: vars.string('ADMIN_UNIT', 'DTP'),
  };
}

/** Parses a size such as `1mb`, `512kb`, `2.5MB` or `1048576` (bytes), with 1024-based units. */
export function parseByteSize(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit === 'gb' ? 1024 ** 3 : unit === 'mb' ? 1024 ** 2 : unit === 'kb' ? 1024 : 1;
  return Math.floor(Number(match[1]) * factor);
}

function overridesToEnv(overrides: AppConfigOverrides): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(overrides) as [keyof AppConfigOverrides, unknown][]) {
    if (value !== undefined) env[OVERRIDE_VARIABLES[name]] = String(value);
  }
  return env;
}

function readEngineVersion(repoRoot: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'apps', 'engine', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

/** Reads variables, collecting every problem instead of stopping at the first one. */
/** `ENGINE_WORKERS`: engine processes sharing the port; `auto` = one per CPU core. */
function readWorkers(vars: EnvReader, mode: AppMode): number {
  const value = vars.string('ENGINE_WORKERS', '1');
  const workers =
    value === 'auto' ? availableParallelism() : /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(workers) || workers < 1 || workers > 64) {
    return vars.fail('ENGINE_WORKERS', `must be "auto" or an integer from 1 to 64 (got "${value}")`, 1);
  }
  // Test mode has a settable clock per process (POST /test/clock): several processes would disagree.
  if (mode === 'test' && workers > 1) return vars.fail('ENGINE_WORKERS', 'must be 1 in test mode', 1);
  return workers;
}

class EnvReader {
  readonly problems: ConfigProblem[] = [];

  constructor(private readonly env: ConfigEnv) {}

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(name, `must be one of ${allowed.join(' | ')} (got "${value}")`, fallback);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed;
    return this.fail(name, `must be an integer from ${min} to ${max} (got "${value}")`, fallback);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (TRUE_WORDS.includes(value)) return true;
    if (FALSE_WORDS.includes(value)) return false;
    return this.fail(name, `must be true or false (got "${value}")`, fallback);
  }

  host(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (isIP(value) !== 0 || HOSTNAME.test(value)) return value;
    return this.fail(name, `must be an IP address or a host name (got "${value}")`, fallback);
  }

  byteSize(name: string, fallback: string, min: number, max: number): number {
    const value = this.raw(name) ?? fallback;
    const bytes = parseByteSize(value);
    if (bytes !== undefined && bytes >= min && bytes <= max) return bytes;
    return this.fail(name, `must be a size from 1kb to 1gb such as "1mb" or "512kb" (got "${value}")`, min);
  }

  /** The value is a secret: problems never echo it. */
  postgresUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return this.fail(name, 'must be a URL such as postgres://user:password@host:5432/database', undefined);
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      return this.fail(
        name,
        `must use the postgres:// or postgresql:// scheme (got "${url.protocol}")`,
        undefined,
      );
    }
    return value;
  }

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  fail<T>(variable: string, message: string, fallback: T): T {
    this.problems.push({ variable, message });
    return fallback;
  }
}
