import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { findRepoRoot } from '../../apps/engine/src/config/repo-root.util';
import { buildDataSourceOptions } from '../../apps/engine/src/database/data-source';
import {
  EmbeddedPostgresBusyError,
  type EmbeddedPostgresHandle,
  type EmbeddedPostgresLogger,
  startEmbeddedPostgres,
} from '../../apps/engine/src/database/embedded-postgres';
import { runMigrations } from '../../apps/engine/src/database/migrate.util';
import { migrations } from '../../apps/engine/src/database/migrations';

/** Environment variable through which the Jest workers find the test server (a URL of its `postgres` database). */
export const TEST_PG_URL_VARIABLE = 'LT_TEST_PG_URL';
/** Database with every migration applied, cloned by `createTestDatabase()`. */
export const TEMPLATE_DATABASE = 'lt_template';
export const TEST_DATABASE_PREFIX = 'lt_test_';

/** Throwaway data: durability off. */
const TEST_SERVER_FLAGS = [
  // small databases: the engine's 512 MB of buffers are not needed here
  '-c',
  'shared_buffers=128MB',
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
  '-c',
  'max_connections=400',
];

interface TestCluster {
  readonly adminUrl: string;
  readonly embedded?: EmbeddedPostgresHandle;
  /** A private data directory, used when another test run holds .data/test-pg; removed at teardown. */
  readonly temporaryDir?: string;
}

const STATE = Symbol.for('lienthong.test-cluster');
type GlobalWithCluster = typeof globalThis & { [STATE]?: Promise<TestCluster> };

const quiet: EmbeddedPostgresLogger = {
  log: () => {},
  debug: () => {},
  warn: (message) => console.warn(`[test-pg] ${message}`),
  error: (message, stack) => console.error(`[test-pg] ${message}`, stack ?? ''),
};

/**
 * Starts the PostgreSQL of the test run once per Jest process (the integration and e2e projects both call
 * it): DATABASE_URL's server if set, else an embedded one in <repo>/.data/test-pg on a free port. Then
 * (re)creates the migrated template database and publishes the server URL in LT_TEST_PG_URL.
 */
export function startTestCluster(): Promise<TestCluster> {
  const holder = globalThis as GlobalWithCluster;
  holder[STATE] ??= setUp();
  return holder[STATE];
}

export async function stopTestCluster(): Promise<void> {
  const holder = globalThis as GlobalWithCluster;
  const pending = holder[STATE];
  if (pending === undefined) return;
  delete holder[STATE];
  const cluster = await pending.catch(() => undefined);
  if (cluster === undefined) return;
  await cluster.embedded?.stop();
  if (cluster.temporaryDir !== undefined) await rm(cluster.temporaryDir, { recursive: true, force: true });
}

async function setUp(): Promise<TestCluster> {
  const external = process.env.DATABASE_URL;
  const cluster =
    external === undefined ? await startEmbedded() : { adminUrl: withDatabase(external, 'postgres') };
  if (cluster.embedded) await dropLeftoverTestDatabases(cluster.adminUrl);
  await createTemplate(cluster.adminUrl);
  process.env[TEST_PG_URL_VARIABLE] = cluster.adminUrl;
  return cluster;
}

async function startEmbedded(): Promise<TestCluster> {
  const dataRoot = join(findRepoRoot(__dirname), '.data');
  const options = { port: await freePort(), databases: [], extraFlags: TEST_SERVER_FLAGS, logger: quiet };
  try {
    const embedded = await startEmbeddedPostgres({ ...options, dataDir: join(dataRoot, 'test-pg') });
    return { adminUrl: embedded.urlFor('postgres'), embedded };
  } catch (error) {
    if (!(error instanceof EmbeddedPostgresBusyError)) throw error;
    // Another test run (another Jest process) uses .data/test-pg right now: take a private cluster.
    const temporaryDir = await mkdtemp(join(dataRoot, 'test-pg-'));
    await chmod(temporaryDir, 0o755);
    const embedded = await startEmbeddedPostgres({ ...options, dataDir: join(temporaryDir, 'pg') });
    return { adminUrl: embedded.urlFor('postgres'), embedded, temporaryDir };
  }
}

async function createTemplate(adminUrl: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE_DATABASE]);
    if (exists.rowCount !== 0) {
      await client.query(`ALTER DATABASE ${TEMPLATE_DATABASE} WITH IS_TEMPLATE false`);
      await client.query(`DROP DATABASE ${TEMPLATE_DATABASE} WITH (FORCE)`);
    }
    await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  const dataSource = new DataSource(
    buildDataSourceOptions({
      url: withDatabase(adminUrl, TEMPLATE_DATABASE),
      entities: [],
      migrations,
      poolSize: 2,
      applicationName: 'lienthong-test-setup',
      logging: ['error'],
    }),
  );
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  // CREATE DATABASE ... TEMPLATE needs a template nobody is connected to: forbid connections from now on.
  await withClient(adminUrl, (client) =>
    client.query(`ALTER DATABASE ${TEMPLATE_DATABASE} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`),
  );
}

/** Databases that crashed or interrupted runs left on our own embedded cluster. */
async function dropLeftoverTestDatabases(adminUrl: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const leftovers = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DATABASE_PREFIX}%'`,
    );
    for (const { datname } of leftovers.rows) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  });
}

export async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'lienthong-test-support' });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
