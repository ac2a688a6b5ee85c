/**
 * The data source of the TypeORM CLI (not used by the engine itself). It reads the same configuration
 * as the engine: DATABASE_URL if set, else the embedded PostgreSQL in <DATA_DIR>/pg (started for the
 * command and stopped afterwards, or reused if a running engine already holds it).
 *
 * The CLI loads compiled JavaScript, so build first (no ts-node in this repository):
 *
 *   npm run build
 *   # apply the migrations
 *   npx typeorm migration:run      -d apps/engine/dist/database/data-source.cli.js
 *   # revert the last one
 *   npx typeorm migration:revert   -d apps/engine/dist/database/data-source.cli.js
 *   # write a migration from the difference between the entities and the migrated schema
 *   npx typeorm migration:generate -d apps/engine/dist/database/data-source.cli.js -p \
 *       apps/engine/src/database/migrations/<kebab-name>
 *   # schema drift check for CI: fails (exit 1) if the entities need a migration that does not exist
 *   npx typeorm migration:run -d apps/engine/dist/database/data-source.cli.js && \
 *   npx typeorm migration:generate --check -d apps/engine/dist/database/data-source.cli.js \
 *       apps/engine/src/database/migrations/drift
 *
 * Then rename the generated file and class to the project's style and register it in migrations/index.ts.
 */
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/load-app-config.util';
import { APP_DATABASE, buildDataSourceOptions } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { entities } from './entities';
import { migrations } from './migrations';

async function createCliDataSource(): Promise<DataSource> {
  const config = loadAppConfig();
  let url = config.database.url;
  if (url === undefined) {
    const embedded = await startEmbeddedPostgres({
      dataDir: config.database.embedded.dataDir,
      port: config.database.embedded.port,
      databases: [APP_DATABASE],
      reuseRunning: true,
    });
    url = embedded.urlFor(APP_DATABASE);
    // The CLI destroys the data source and then lets the process end: stop our cluster at that point.
    process.once('beforeExit', () => void embedded.stop());
  }
  return new DataSource(
    buildDataSourceOptions({
      url,
      entities,
      migrations,
      poolSize: 2,
      applicationName: 'lienthong-typeorm-cli',
    }),
  );
}

export default createCliDataSource();
