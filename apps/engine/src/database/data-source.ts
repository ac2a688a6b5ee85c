import { type DataSourceOptions, type Logger, type LoggerOptions, type MigrationInterface } from 'typeorm';

/** The PostgreSQL member of TypeORM's options union. */
export type PostgresDataSourceOptions = Extract<DataSourceOptions, { type: 'postgres' }>;
/** An entity class (decorated with `@Entity`). */
export type EntityClass = abstract new (...args: never[]) => object;
/** A migration class, as listed in `migrations/index.ts`. */
export type MigrationClass = new () => MigrationInterface;

export interface DataSourceSettings {
  /** postgres://user:password@host:port/database */
  readonly url: string;
  readonly entities: readonly EntityClass[];
  readonly migrations: readonly MigrationClass[];
  /** Maximum connections of the pool (default 10). */
  readonly poolSize?: number;
  /** Shows in pg_stat_activity. */
  readonly applicationName?: string;
  /** Where TypeORM logs (default: its console logger). The engine passes TypeOrmNestLogger. */
  readonly logger?: Logger;
  /** What TypeORM logs (default: errors, warnings, migrations). */
  readonly logging?: LoggerOptions;
  /** The province (`TENANT_CODE`): each connection's `lienthong.tenant_code`, the rows' `tenant_code` (ADR 0011). */
  readonly tenantCode?: string;
}

/** Name of the application database created on the embedded PostgreSQL. */
export const APP_DATABASE = 'lienthong';

/** The table where TypeORM records the migrations that ran. */
export const MIGRATIONS_TABLE = 'migrations';

/**
 * TypeORM options for the engine's PostgreSQL. The schema belongs to the migrations alone:
 * `synchronize` is always off, and migrations never run implicitly on connect (the DatabaseModule
 * runs them at boot, one transaction each, under an advisory lock; see `runMigrations`).
 */
export function buildDataSourceOptions(settings: DataSourceSettings): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: [...settings.entities],
    migrations: [...settings.migrations],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    dropSchema: false,
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'lienthong-engine',
    logger: settings.logger ?? 'advanced-console',
    logging: settings.logging ?? ['error', 'warn', 'migration'],
    maxQueryExecutionTime: 1000,
    // A database that does not answer fails a request in 5 s (503, see to-problem.util.ts), never hangs it.
    connectTimeoutMS: 5000,
    // Read by lt_tenant_code(), the default of every table's tenant_code.
    ...(settings.tenantCode === undefined
      ? {}
      : { extra: { options: `-c lienthong.tenant_code=${settings.tenantCode}` } }),
  };
}
