import { Global, Logger, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source';
import { DatabaseServer } from './database-server';
import { Db } from './db.service';
import { ReadDb } from './read-db.service';
import { entities } from './entities';
import { PartitionsService } from './partitions.service';
import { migrations } from './migrations';
import { runMigrations } from './migrate.util';
import { TypeOrmNestLogger } from './typeorm-logger';

/** Provides `DatabaseServer`: resolves (or starts) the PostgreSQL before TypeORM connects. */
@Module({
  providers: [
    {
      provide: DatabaseServer,
      inject: [APP_CONFIG, ModuleRef],
      useFactory: (config: AppConfig, moduleRef: ModuleRef) => DatabaseServer.resolve(config, moduleRef),
    },
  ],
  exports: [DatabaseServer],
})
class DatabaseServerModule {}

const logger = new Logger('Database');

/** Errors worth another connection attempt: the server is not (yet) reachable. */
function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P03'].includes(code)
  );
}

/**
 * The TypeORM connection (global): `DataSource`, `EntityManager` and `@InjectRepository()` work in every
 * module. The pending migrations run once connected, before the application starts serving.
 * Entities come from `entities.ts`, migrations from `migrations/index.ts`.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule],
      inject: [APP_CONFIG, DatabaseServer],
      useFactory: (config: AppConfig, server: DatabaseServer) => ({
        ...buildDataSourceOptions({
          url: server.url,
          entities,
          migrations,
          poolSize: config.database.poolSize,
          tenantCode: config.tenant.code,
          logger: new TypeOrmNestLogger(),
        }),
        // A remote server may still be starting (e.g. in docker compose); the embedded one is ready.
        retryAttempts: server.isEmbedded ? 1 : 5,
        retryDelay: 2000,
        toRetry: isConnectionError,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        if (options === undefined) throw new Error('TypeORM options missing');
        const dataSource = await new DataSource(options).initialize();
        try {
          logger.log('Connected; running the pending migrations');
          const ran = await runMigrations(dataSource);
          for (const migration of ran) logger.log(`Migrated: ${migration.name}`);
          if (ran.length === 0) logger.log('Schema up to date');
        } catch (error) {
          await dataSource.destroy();
          throw error;
        }
        return dataSource;
      },
    }),
  ],
  providers: [Db, ReadDb, PartitionsService],
  exports: [TypeOrmModule, Db, ReadDb, PartitionsService],
})
export class DatabaseModule {}
