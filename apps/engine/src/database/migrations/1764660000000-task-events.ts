import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `task_events`: what happened to officers' steps, for the live inboxes (see live/task-event.entity.ts).
 * A statement trigger NOTIFYs `lt_task_events` when a statement inserted rows: the NOTIFY goes out at
 * commit (never for a rolled-back change), whichever of the writers (a command's one statement, an
 * assignment, the deadline sweep) made the event, and costs no round trip.
 */
export class TaskEvents1764660000000 implements MigrationInterface {
  name = 'TaskEvents1764660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "task_events" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "type" character varying(16) NOT NULL, "task_id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "unit" character varying(50) NOT NULL, "candidate_role" character varying(20), "assignee" character varying(200), "deadline_status" character varying(10), CONSTRAINT "PK_task_events" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "task_events_at_idx" ON "task_events" ("at") `);
    await queryRunner.query(`CREATE FUNCTION lt_task_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM inserted) THEN PERFORM pg_notify('lt_task_events', ''); END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER task_events_notify AFTER INSERT ON "task_events" REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION lt_task_events_notify()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER task_events_notify ON "task_events"`);
    await queryRunner.query(`DROP FUNCTION lt_task_events_notify()`);
    await queryRunner.query(`DROP INDEX "task_events_at_idx"`);
    await queryRunner.query(`DROP TABLE "task_events"`);
  }
}
