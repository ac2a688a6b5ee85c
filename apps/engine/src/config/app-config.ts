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
  };
  readonly database: {
    /** `DATABASE_URL`; undefined means "start the embedded PostgreSQL". Never log it: it holds a password. */
    readonly url: string | undefined;
    readonly poolSize: number;
    readonly embedded: {
      /** `<dataDir>/pg` */
      readonly dataDir: string;
      readonly port: number;
    };
  };
  readonly jobs: {
    /** `JOBS_ENABLED`: run the job executor in this process (default true). */
    readonly enabled: boolean;
    /** `JOB_POLL_MS`: fallback poll interval of the job executor when no NOTIFY arrives. */
    readonly pollMs: number;
    /** `DEADLINE_SWEEP_MS`: how often steps and dossiers are marked due soon / overdue (0: never, for tests). */
    readonly deadlineSweepMs: number;
  };
}

/** Injection token of the `AppConfig` provider. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** `constructor(@InjectAppConfig() private readonly config: AppConfig)` */
export const InjectAppConfig = (): ParameterDecorator => Inject(APP_CONFIG);
