import { stopTestCluster } from './test-cluster';

/** Jest globalTeardown: stops the embedded test PostgreSQL (once, whichever project calls first). */
export default async function globalTeardown(): Promise<void> {
  await stopTestCluster();
}
