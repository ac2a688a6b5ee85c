import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadAppConfig, parseByteSize } from './load-app-config.util';
import { findRepoRoot } from './repo-root.util';

const root = findRepoRoot();

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.variable);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadAppConfig', () => {
  it('applies the defaults to an empty environment', () => {
    // given / when
    const config = loadAppConfig({}, {}, root);

    // then
    expect(config).toMatchObject({
      mode: 'development',
      repoRoot: root,
      dataDir: join(root, '.data'),
      logLevel: 'info',
      seedDemo: true,
      http: { host: '127.0.0.1', port: 3000, bodyLimit: '1mb', bodyLimitBytes: 1024 * 1024, workers: 1 },
      database: {
        url: undefined,
        readUrl: undefined,
        poolSize: 20,
        embedded: { dataDir: join(root, '.data', 'pg'), port: 54329 },
      },
      jobs: { enabled: true, pollMs: 1000 },
      webhooks: { retryBaseMs: 1000, maxAttempts: 12, timeoutMs: 5000 },
      dossiers: { supplementRequestDays: 3 },
    });
    expect(config.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reads every variable', () => {
    // given
    const env = {
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      PORT: '8080',
      DATABASE_URL: 'postgres://lt:secret@db.internal:5432/lienthong',
      DATABASE_READ_URL: 'postgres://lt:secret@db-standby.internal:5432/lienthong',
      DATA_DIR: '/var/lib/lienthong',
      EMBEDDED_PG_PORT: '6000',
      LOG_LEVEL: 'debug',
      BODY_LIMIT: '5MB',
      SEED_DEMO: 'no',
      JOBS_ENABLED: 'off',
      JOB_POLL_MS: '250',
      WEBHOOK_RETRY_BASE_MS: '2000',
      WEBHOOK_MAX_ATTEMPTS: '8',
      WEBHOOK_TIMEOUT_MS: '3000',
      SUPPLEMENT_REQUEST_DAYS: '5',
      DB_POOL_SIZE: '40',
      AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
      AUTH_ACCESS_TTL: '300',
      AUTH_REFRESH_TTL: '3600',
      AUTH_LOGIN_LIMIT: '5',
      AUTH_LOGIN_WINDOW: '120',
      ADMIN_USERNAME: 'QuanTri',
      ADMIN_PASSWORD: 'a-long-first-password',
      OIDC_ISSUER: 'https://sso.dongthap.gov.vn/realms/lienthong/',
      OIDC_AUDIENCE: 'lienthong-api',
    };

    // when
    const config = loadAppConfig(env, {}, root);

    // then
    expect(config).toMatchObject({
      mode: 'production',
      dataDir: '/var/lib/lienthong',
      logLevel: 'debug',
      seedDemo: false,
      http: { host: '0.0.0.0', port: 8080, bodyLimit: '5MB', bodyLimitBytes: 5 * 1024 * 1024 },
      database: {
        url: 'postgres://lt:secret@db.internal:5432/lienthong',
        readUrl: 'postgres://lt:secret@db-standby.internal:5432/lienthong',
        poolSize: 40,
        embedded: { dataDir: '/var/lib/lienthong/pg', port: 6000 },
      },
      jobs: { enabled: false, pollMs: 250 },
      webhooks: { retryBaseMs: 2000, maxAttempts: 8, timeoutMs: 3000 },
      dossiers: { supplementRequestDays: 5 },
      auth: {
        jwtSecret: 'a-production-secret-of-at-least-32-chars',
        jwtSecretIsDefault: false,
        accessTtlSeconds: 300,
        refreshTtlSeconds: 3600,
        loginLimit: 5,
        loginWindowSeconds: 120,
        bootstrapAdmin: { username: 'quantri', password: 'a-long-first-password', unit: 'DTP' },
        oidc: {
          issuer: 'https://sso.dongthap.gov.vn/realms/lienthong',
          jwksUrl: 'https://sso.dongthap.gov.vn/realms/lienthong/protocol/openid-connect/certs',
          audience: 'lienthong-api',
          usernameClaim: 'preferred_username',
          only: false,
        },
      },
    });
  });

  it('does not seed demo data in production, and refuses demo data or the default secret there', () => {
    const secret = { AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-chars' };
    expect(loadAppConfig({ NODE_ENV: 'production', ...secret }, {}, root).seedDemo).toBe(false);
    expect(loadAppConfig({ NODE_ENV: 'test' }, {}, root).seedDemo).toBe(true);
    expect(() => loadAppConfig({ NODE_ENV: 'production', SEED_DEMO: 'true', ...secret }, {}, root)).toThrow(
      /SEED_DEMO: demo accounts and data are never seeded in production mode/,
    );
    expect(() => loadAppConfig({ NODE_ENV: 'production' }, {}, root)).toThrow(
      /AUTH_JWT_SECRET: must be set in production/,
    );
    expect(() => loadAppConfig({ AUTH_JWT_SECRET: 'short' }, {}, root)).toThrow(/at least 32 characters/);
    expect(() => loadAppConfig({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'short' }, {}, root)).toThrow(
      /ADMIN_PASSWORD/,
    );
  });

  it('reads ENGINE_WORKERS: a count, or auto for one per CPU core; test mode keeps one process', () => {
    expect(loadAppConfig({ ENGINE_WORKERS: '3' }, {}, root).http.workers).toBe(3);
    expect(loadAppConfig({ ENGINE_WORKERS: 'auto' }, {}, root).http.workers).toBe(availableParallelism());
    expect(problemsOf(() => loadAppConfig({ ENGINE_WORKERS: '0' }, {}, root))).toEqual(['ENGINE_WORKERS']);
    expect(problemsOf(() => loadAppConfig({ ENGINE_WORKERS: 'many' }, {}, root))).toEqual(['ENGINE_WORKERS']);
    expect(problemsOf(() => loadAppConfig({ LT_MODE: 'test', ENGINE_WORKERS: '2' }, {}, root))).toEqual([
      'ENGINE_WORKERS',
    ]);
  });

  it('seals stored secrets with SECRETS_KEY, by default with AUTH_JWT_SECRET, at least 32 characters', () => {
    const jwt = 'a-jwt-secret-of-at-least-32-characters';
    expect(loadAppConfig({ AUTH_JWT_SECRET: jwt }, {}, root).auth.secretsKey).toBe(jwt);
    const key = 'a-secrets-key-of-at-least-32-characters';
    expect(loadAppConfig({ AUTH_JWT_SECRET: jwt, SECRETS_KEY: key }, {}, root).auth.secretsKey).toBe(key);
    expect(problemsOf(() => loadAppConfig({ SECRETS_KEY: 'short' }, {}, root))).toEqual(['SECRETS_KEY']);
  });

  it('lets LT_MODE win over NODE_ENV, and ignores an odd NODE_ENV then', () => {
    expect(loadAppConfig({ NODE_ENV: 'production', LT_MODE: 'test' }, {}, root).mode).toBe('test');
    expect(loadAppConfig({ NODE_ENV: 'staging', LT_MODE: 'development' }, {}, root).mode).toBe('development');
  });

  it('refuses a read standby without DATABASE_URL (the embedded server has none)', () => {
    expect(() => loadAppConfig({ DATABASE_READ_URL: 'postgres://lt:x@standby:5432/lt' }, {}, root)).toThrow(
      /DATABASE_READ_URL: needs DATABASE_URL/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadAppConfig({ PORT: '', DATABASE_URL: '  ' }, {}, root)).toMatchObject({
      http: { port: 3000 },
      database: { url: undefined },
    });
  });

  it('resolves a relative DATA_DIR against the repository root, not the working directory', () => {
    expect(loadAppConfig({ DATA_DIR: 'var/data' }, {}, root).database.embedded.dataDir).toBe(
      join(root, 'var', 'data', 'pg'),
    );
  });

  it('refuses invalid values, naming every offending variable', () => {
    // given
    const env = {
      NODE_ENV: 'staging',
      PORT: '80a',
      HOST: 'not a host!',
      EMBEDDED_PG_PORT: '70000',
      LOG_LEVEL: 'verbose',
      BODY_LIMIT: 'lots',
      SEED_DEMO: 'maybe',
      JOB_POLL_MS: '-5',
      WEBHOOK_MAX_ATTEMPTS: '0',
      WEBHOOK_TIMEOUT_MS: '10',
      DB_POOL_SIZE: '1',
      DATABASE_URL: 'mysql://root@localhost/db',
    };

    // when
    const variables = problemsOf(() => loadAppConfig(env, {}, root));

    // then
    expect(variables.sort()).toEqual(
      [
        'NODE_ENV',
        'PORT',
        'HOST',
        'EMBEDDED_PG_PORT',
        'LOG_LEVEL',
        'BODY_LIMIT',
        'SEED_DEMO',
        'JOB_POLL_MS',
        'WEBHOOK_MAX_ATTEMPTS',
        'WEBHOOK_TIMEOUT_MS',
        'DB_POOL_SIZE',
        'DATABASE_URL',
      ].sort(),
    );
  });

  it('never echoes DATABASE_URL, which holds a password', () => {
    // given
    const env = { DATABASE_URL: 'http://lt:hunter2@db/lienthong' };

    // when
    let message = '';
    try {
      loadAppConfig(env, {}, root);
    } catch (error) {
      message = (error as Error).message;
    }

    // then
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
  });

  it('applies typed overrides over the environment, with the same validation', () => {
    // given
    const env = { PORT: '8080', DATABASE_URL: 'postgres://a@b/c' };

    // when
    const config = loadAppConfig(env, { port: 0, databaseUrl: 'postgres://x@y/z', seedDemo: false }, root);

    // then
    expect(config.http.port).toBe(0);
    expect(config.database.url).toBe('postgres://x@y/z');
    expect(config.seedDemo).toBe(false);
    expect(problemsOf(() => loadAppConfig({}, { port: 70000 }, root))).toEqual(['PORT']);
  });

  it('returns a deeply frozen object', () => {
    // given
    const config = loadAppConfig({}, {}, root);

    // when / then
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.database.embedded)).toBe(true);
    expect(() => {
      (config.http as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});

describe('parseByteSize', () => {
  it.each([
    ['1mb', 1048576],
    ['512kb', 524288],
    ['2.5MB', 2621440],
    ['1 gb', 1073741824],
    ['1000', 1000],
    ['100b', 100],
  ])('%s is %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'lots', '-1mb', '1tb', 'mb'])('refuses %p', (text) => {
    expect(parseByteSize(text)).toBeUndefined();
  });
});

describe('findRepoRoot', () => {
  it('finds the folder holding nx.json from deep inside the repository', () => {
    expect(findRepoRoot(join(root, 'apps', 'engine', 'dist', 'config'))).toBe(root);
  });

  it('fails outside a repository', () => {
    expect(() => findRepoRoot(mkdtempSync(join(tmpdir(), 'lt-')))).toThrow(/nx\.json/);
  });
});
