import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal deadlines: the clocks of dossiers and steps (due, due soon, paused, outcome), the promised
 * appointment and its one extension, and the append-only deadline events.
 */
export class Deadlines1763850000000 implements MigrationInterface {
  name = 'Deadlines1763850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deadline_events" ("id" BIGSERIAL NOT NULL, "dossier_id" uuid NOT NULL, "task_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" character varying(20) NOT NULL, "reason" text, "actor" character varying(200), "working_minutes" integer, "previous_due_at" TIMESTAMP WITH TIME ZONE, "new_due_at" TIMESTAMP WITH TIME ZONE, "calendar_version" character varying(100), "data" jsonb, CONSTRAINT "PK_454e8eb5a8da91cc48d7962bd11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "deadline_events_dossier_idx" ON "deadline_events"  ("dossier_id", "id") `,
    );
    await queryRunner.query(`ALTER TABLE "dossiers" ADD "deadlines" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `ALTER TABLE "dossiers" ADD "clock" character varying(10) NOT NULL DEFAULT 'none'`,
    );
    await queryRunner.query(`ALTER TABLE "dossiers" ADD "due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossiers" ADD "due_soon_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "dossiers" ADD "appointment_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "dossiers" ADD "deadline_status" character varying(10) NOT NULL DEFAULT 'on_track'`,
    );
    await queryRunner.query(`ALTER TABLE "dossiers" ADD "outcome" character varying(10)`);
    await queryRunner.query(`ALTER TABLE "dossiers" ADD "extension" jsonb`);
    await queryRunner.query(`ALTER TABLE "dossiers" ADD "overdue_holders" jsonb`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "clock" character varying(10) NOT NULL DEFAULT 'none'`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "due_soon_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD "deadline_status" character varying(10) NOT NULL DEFAULT 'on_track'`,
    );
    await queryRunner.query(`ALTER TABLE "tasks" ADD "outcome" character varying(10)`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD "worked_minutes" integer`);
    await queryRunner.query(
      `CREATE INDEX "dossiers_due_soon_idx" ON "dossiers"  ("due_soon_at") WHERE status = 'active' AND clock = 'running' AND deadline_status = 'on_track'`,
    );
    await queryRunner.query(
      `CREATE INDEX "dossiers_due_idx" ON "dossiers"  ("due_at") WHERE status = 'active' AND clock = 'running' AND deadline_status <> 'overdue'`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_due_soon_idx" ON "tasks"  ("due_soon_at") WHERE status = 'active' AND clock = 'running' AND deadline_status = 'on_track'`,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_due_idx" ON "tasks"  ("due_at") WHERE status = 'active' AND clock = 'running' AND deadline_status <> 'overdue'`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline_events" ADD CONSTRAINT "FK_1f79108e4d986809423b7077bcc" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TRIGGER deadline_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "deadline_events" FOR EACH STATEMENT EXECUTE FUNCTION lt_history_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER deadline_events_append_only ON "deadline_events"`);
    await queryRunner.query(`ALTER TABLE "deadline_events" DROP CONSTRAINT "FK_1f79108e4d986809423b7077bcc"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_due_soon_idx"`);
    await queryRunner.query(`DROP INDEX "public"."dossiers_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."dossiers_due_soon_idx"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "worked_minutes"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "outcome"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "deadline_status"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "due_soon_at"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "due_at"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP COLUMN "clock"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "overdue_holders"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "extension"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "outcome"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "deadline_status"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "appointment_at"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "due_soon_at"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "due_at"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "clock"`);
    await queryRunner.query(`ALTER TABLE "dossiers" DROP COLUMN "deadlines"`);
    await queryRunner.query(`DROP INDEX "public"."deadline_events_dossier_idx"`);
    await queryRunner.query(`DROP TABLE "deadline_events"`);
  }
}
