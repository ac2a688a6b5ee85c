import { randomBytes } from 'node:crypto';
import {
  TEMPLATE_DATABASE,
  TEST_DATABASE_PREFIX,
  TEST_PG_URL_VARIABLE,
  withClient,
  withDatabase,
} from './test-cluster';

export interface TestDatabase {
  readonly name: string;
  /** URL for `createApp({ config: { databaseUrl: url } })` or DATABASE_URL. */
  readonly url: string;
  /** Drops the database, closing whatever connections remain. */
  drop(): Promise<void>;
}

/**
 * A fresh database with every migration applied, cloned from the template of the test run (tens of ms).
 * Only in the integration and e2e Jest projects, whose globalSetup starts the server.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env[TEST_PG_URL_VARIABLE];
  if (adminUrl === undefined) {
    throw new Error(
      `${TEST_PG_URL_VARIABLE} is not set: run this test in the integration or e2e Jest project (test/support/global-setup.ts)`,
    );
  }
  const name = `${TEST_DATABASE_PREFIX}${randomBytes(8).toString('hex')}`;
  await withClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`),
  );
  let dropped = false;
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
