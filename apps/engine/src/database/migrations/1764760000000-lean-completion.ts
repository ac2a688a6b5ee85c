import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A leaner completion (ADR 0007, session 7), in the task_events of the live inboxes:
 * - no NOTIFY per command: the statement trigger `task_events_notify` goes. At every commit that
 *   wrote step events it sent `lt_task_events`, for which PostgreSQL takes a database-wide lock on its
 *   notification queue and wakes every listening backend: about 0.3 ms of PostgreSQL CPU per completion
 *   under bench:engine. LiveEvents reads the new rows every 250 ms while a stream is open instead.
 * - `task_events_at_idx`, which only the daily purge reads (`at < …`), becomes a BRIN index: the table
 *   is append-only in time order, so block range summaries find the old rows as well, and a command no
 *   longer adds a B-tree entry per event.
 */
export class LeanCompletion1764760000000 implements MigrationInterface {
  name = 'LeanCompletion1764760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS task_events_notify ON "task_events"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS lt_task_events_notify()`);
    await queryRunner.query(`DROP INDEX IF EXISTS "task_events_at_idx"`);
    await queryRunner.query(`CREATE INDEX "task_events_at_idx" ON "task_events" USING brin ("at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS "task_events_at_idx"`);
    await queryRunner.query(`CREATE INDEX "task_events_at_idx" ON "task_events" ("at")`);
    await queryRunner.query(`CREATE FUNCTION lt_task_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM inserted) THEN PERFORM pg_notify('lt_task_events', ''); END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER task_events_notify AFTER INSERT ON "task_events" REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION lt_task_events_notify()`,
    );
  }
}
