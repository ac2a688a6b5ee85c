import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The engine's working calendar (apps/engine/src/calendar): `calendar_decisions`, the official yearly
 * decisions in force (Tết and national-day placement, làm bù Saturdays), one row per decision; and
 * `calendar_changes`, the append-only audit of every replacement of a year's decisions (who, when, why,
 * the calendar versions before and after, and the decisions written). A database trigger refuses
 * UPDATE, DELETE and TRUNCATE on the audit table.
 */
export class CalendarDecisions1763900000000 implements MigrationInterface {
  name = 'CalendarDecisions1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_decisions" ("id" character varying(100) NOT NULL, "year" integer NOT NULL, "decision" jsonb NOT NULL, "updated_by" character varying(200) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_calendar_decisions" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "calendar_decisions_year_idx" ON "calendar_decisions" ("year") `);
    await queryRunner.query(
      `CREATE TABLE "calendar_changes" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "year" integer NOT NULL, "actor" character varying(200) NOT NULL, "reason" character varying(1000), "previous_version" character varying(200) NOT NULL, "version" character varying(200) NOT NULL, "decisions" jsonb NOT NULL, CONSTRAINT "pk_calendar_changes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "calendar_changes_year_idx" ON "calendar_changes" ("year", "id") `);
    // The audit is evidence (which rules computed which deadlines): it can only be appended to.
    await queryRunner.query(`CREATE FUNCTION lt_calendar_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'calendar_changes is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER calendar_changes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "calendar_changes" FOR EACH STATEMENT EXECUTE FUNCTION lt_calendar_changes_append_only()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER calendar_changes_append_only ON "calendar_changes"`);
    await queryRunner.query(`DROP FUNCTION lt_calendar_changes_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."calendar_changes_year_idx"`);
    await queryRunner.query(`DROP TABLE "calendar_changes"`);
    await queryRunner.query(`DROP INDEX "public"."calendar_decisions_year_idx"`);
    await queryRunner.query(`DROP TABLE "calendar_decisions"`);
  }
}
