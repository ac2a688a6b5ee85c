import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A leaner completion (ADR 0007, session 7): `task_events_at_idx`, which only the daily purge reads
 * (`at < …`), becomes a BRIN index. task_events is append-only in time order, so a block range
 * summary finds the old rows as well, and a command that writes events (most completions) no longer
 * adds a B-tree entry per event.
 */
export class LeanCompletion1764760000000 implements MigrationInterface {
  name = 'LeanCompletion1764760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "task_events_at_idx"`);
    await queryRunner.query(`CREATE INDEX "task_events_at_idx" ON "task_events" USING brin ("at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "task_events_at_idx"`);
    await queryRunner.query(`CREATE INDEX "task_events_at_idx" ON "task_events" ("at")`);
  }
}
