import { type DataSource, type Migration } from 'typeorm';

/** Arbitrary constant key of the PostgreSQL advisory lock held while migrating. */
const MIGRATION_LOCK_KEY = 72_550_011;

/**
 * Runs the pending migrations, each in its own transaction, while holding a session advisory lock,
 * so that replicas booting together migrate one after the other instead of all at once.
 * Returns the migrations that ran (empty when the schema was up to date).
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}
