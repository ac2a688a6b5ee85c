import { Client, type Pool, type PoolConfig } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A dedicated connection (outside the pool) with the pool's settings, for a LISTEN that must outlive any
 * query: see NotificationListener. `applicationName` shows in pg_stat_activity.
 */
export async function openListenConnection(dataSource: DataSource, applicationName: string): Promise<Client> {
  const pool = (dataSource.driver as unknown as { master: Pool & { options: PoolConfig } }).master;
  const client = new Client({ ...pool.options, application_name: applicationName });
  // Until the listener adds its own: an 'error' event without a listener would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}
