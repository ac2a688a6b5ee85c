import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { type AppConfig } from '../config/app-config';
import { APP_DATABASE } from './data-source';
import { type EmbeddedPostgresHandle, redactUrl, startEmbeddedPostgres } from './embedded-postgres';

/** The embedded PostgreSQL of the configuration (DATABASE_URL unset), with the application database. */
export function startAppEmbeddedPostgres(config: AppConfig): Promise<EmbeddedPostgresHandle> {
  return startEmbeddedPostgres({
    dataDir: config.database.embedded.dataDir,
    port: config.database.embedded.port,
    databases: [APP_DATABASE],
    logger: new Logger('EmbeddedPostgres'),
  });
}

/**
 * Where the engine's database lives: the server behind DATABASE_URL, or an embedded PostgreSQL started
 * for this process. Resolved before TypeORM connects; on shutdown it closes the TypeORM pool first
 * (whatever order Nest calls the hooks in) and then stops the embedded server, if any.
 */
export class DatabaseServer implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');

  private constructor(
    /** Connection URL of the application database (holds a password: never log it as is). */
    readonly url: string,
    private readonly embedded: EmbeddedPostgresHandle | undefined,
    private readonly moduleRef: ModuleRef,
  ) {}

  static async resolve(config: AppConfig, moduleRef: ModuleRef): Promise<DatabaseServer> {
    if (config.database.url !== undefined) {
      DatabaseServer.logger.log(`Using PostgreSQL at ${redactUrl(config.database.url)}`);
      return new DatabaseServer(config.database.url, undefined, moduleRef);
    }
    const embedded = await startAppEmbeddedPostgres(config);
    return new DatabaseServer(embedded.urlFor(APP_DATABASE), embedded, moduleRef);
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.embedded === undefined) return;
    try {
      const dataSource = this.moduleRef.get(DataSource, { strict: false });
      if (dataSource.isInitialized) await dataSource.destroy();
    } catch (error) {
      DatabaseServer.logger.warn(`Closing the connection pool failed: ${String(error)}`);
    }
    await this.embedded.stop();
  }
}
