import { startTestCluster } from './test-cluster';

/**
 * Jest globalSetup of the integration and e2e projects (see jest.config.js): one PostgreSQL for the
 * whole run, with the migrated template database. Idempotent, as both projects call it in one process.
 */
export default async function globalSetup(): Promise<void> {
  await startTestCluster();
}
