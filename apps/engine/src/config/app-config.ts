import { Inject } from '@nestjs/common';

/** How the engine runs: `LT_MODE` wins over `NODE_ENV`. */
export type AppMode = 'development' | 'production' | 'test';
export const APP_MODES: readonly AppMode[] = ['development', 'production', 'test'];

/** pino levels accepted by `LOG_LEVEL`. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * The whole runtime configuration, validated once at boot (see `loadAppConfig`) and deeply frozen.
 * Inject it with `@InjectAppConfig()`; nothing else in the engine reads `process.env`.
 */
export interface AppConfig {
  readonly mode: AppMode;
  /** Engine version (from apps/engine/package.json), reported by the health endpoint and OpenAPI. */
  readonly version: string;
  /** Absolute path of the repository root (the folder holding nx.json). */
  readonly repoRoot: string;
  /** `DATA_DIR`: absolute; the embedded PostgreSQL lives in `<dataDir>/pg`. */
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  /** `SEED_DEMO`: load demo procedures and users at boot. */
  readonly seedDemo: boolean;
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** `BODY_LIMIT` as written (e.g. `1mb`) and in bytes. */
    readonly bodyLimit: string;
    readonly bodyLimitBytes: number;
    /** `ENGINE_WORKERS`: engine processes serving the port (node:cluster); 1 = this process alone. */
    readonly workers: number;
  };
  readonly database: {
    /** `DATABASE_URL`; undefined means "start the embedded PostgreSQL". Never log it: it holds a password. */
    readonly url: string | undefined;
    /**
     * `DATABASE_READ_URL`: a hot standby (streaming replica) of that server, for the list, search and
     * report queries (never commands); undefined: they go to the primary too. Never log it either.
     */
    readonly readUrl: string | undefined;
    readonly poolSize: number;
    readonly embedded: {
      /** `<dataDir>/pg` */
      readonly dataDir: string;
      readonly port: number;
    };
  };
  readonly tenant: {
    /** `TENANT_CODE`: the province this engine serves, written on every row (`tenant_code`, ADR 0011); default `00`. */
    readonly code: string;
  };
  readonly jobs: {
    /** `JOBS_ENABLED`: run the job executor in this process (default true). */
    readonly enabled: boolean;
    /** `JOB_POLL_MS`: fallback poll interval of the job executor when no NOTIFY arrives. */
    readonly pollMs: number;
    /** `DEADLINE_SWEEP_MS`: how often steps and dossiers are marked due soon / overdue (0: never, for tests). */
    readonly deadlineSweepMs: number;
  };
  readonly dossiers: {
    /**
     * `SUPPLEMENT_REQUEST_DAYS`: working days after receipt within which an agency may ask the applicant
     * to supplement a dossier (Decree 61/2018 art. 19.4: 3; a province may set its own, default 3).
     */
    readonly supplementRequestDays: number;
  };
  readonly messages: {
    /** `MESSAGE_TTL`: seconds a message that arrives before its dossier waits for it is kept (default 7 days). */
    readonly ttlSeconds: number;
  };
  readonly webhooks: {
    /** `WEBHOOK_RETRY_BASE_MS`: first retry delay of a failed delivery, doubled at every attempt up to 1 h (default 1000). */
    readonly retryBaseMs: number;
    /** `WEBHOOK_MAX_ATTEMPTS`: attempts before a delivery is marked failed (default 12, about 68 min in all). */
    readonly maxAttempts: number;
    /** `WEBHOOK_TIMEOUT_MS`: how long an endpoint has to answer one attempt (default 5000). */
    readonly timeoutMs: number;
    /**
     * `WEBHOOK_ALLOW_PRIVATE_NETWORKS`: deliver to this host and private networks (default: outside
     * production only; in production such URLs are refused, against server-side request forgery).
     */
    readonly allowPrivateNetworks: boolean;
    /** `WEBHOOK_LOG_DAYS`: days delivered and failed deliveries stay in the delivery log (default 30). */
    readonly logDays: number;
  };
  readonly auth: {
    /** `AUTH_JWT_SECRET`: HMAC key of access tokens (at least 32 characters; required in production). */
    readonly jwtSecret: string;
    /** True when the secret is the development default: production mode refuses to start. */
    readonly jwtSecretIsDefault: boolean;
    /**
     * `SECRETS_KEY` (default: AUTH_JWT_SECRET): key material of the secrets stored sealed (webhook signing
     * secrets). Changing it makes the stored ones unreadable (their subscriptions must be made anew).
     */
    readonly secretsKey: string;
    /** `AUTH_ACCESS_TTL`: lifetime of an access token, seconds (default 900). */
    readonly accessTtlSeconds: number;
    /** `AUTH_REFRESH_TTL`: lifetime of a session without refresh, seconds (default 7 days). */
    readonly refreshTtlSeconds: number;
    /** `AUTH_LOGIN_LIMIT` login attempts per client address and user name per `AUTH_LOGIN_WINDOW` seconds. */
    readonly loginLimit: number;
    readonly loginWindowSeconds: number;
    /** `DEMO_PASSWORD`: password of the demo accounts (demo seed only). */
    readonly demoPassword: string;
    /**
     * `ADMIN_USERNAME` + `ADMIN_PASSWORD` (+ `ADMIN_UNIT`, default the province's root unit `DTP`):
     * the first administrator of a fresh installation, created at boot if that account does not exist.
     */
    readonly bootstrapAdmin: {
      readonly username: string;
      readonly password: string;
      readonly unit: string;
    } | null;
    /**
     * OpenID Connect (e.g. the province's Keycloak): bearer tokens signed by `OIDC_ISSUER` (keys from
     * `OIDC_JWKS_URL`, default `<issuer>/protocol/openid-connect/certs`) for `OIDC_AUDIENCE` are accepted
     * for the user whose user name is the `OIDC_USERNAME_CLAIM` (default `preferred_username`).
     * `OIDC_ONLY=true` turns local passwords off.
     */
    readonly oidc: {
      readonly issuer: string;
      readonly jwksUrl: string;
      readonly audience: string | undefined;
      readonly usernameClaim: string;
      readonly only: boolean;
    } | null;
  };
}

/** Injection token of the `AppConfig` provider. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** `constructor(@InjectAppConfig() private readonly config: AppConfig)` */
export const InjectAppConfig = (): ParameterDecorator => Inject(APP_CONFIG);
