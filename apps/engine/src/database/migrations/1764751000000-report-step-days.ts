import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The row of report_step_days a finished step `t` adds to (its Vietnam day, unit, officer, procedure). */
const STEP_VALUES = (t: string, procedure: string) =>
  `(${t}.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, ${t}.unit, coalesce(${t}.completed_by, ''), ${procedure},
   1, (coalesce(${t}.outcome, '') = 'early')::int, (coalesce(${t}.outcome, 'on_time') = 'on_time')::int,
   (coalesce(${t}.outcome, '') = 'late')::int,
   CASE WHEN ${t}.allotted_time IS NOT NULL THEN coalesce(${t}.worked_minutes, 0) ELSE 0 END,
   CASE WHEN ${t}.allotted_time IS NOT NULL THEN lt_allotted_minutes(${t}.allotted_time) ELSE 0 END`;

const COLUMNS = `day, unit, officer, procedure, finished, early, on_time, late, worked_minutes, allotted_minutes`;

/**
 * Statistics of steps (ADR 0010): report_step_days, the finished steps per Vietnam day × unit × officer
 * × procedure, kept by triggers on tasks in the command's transaction (a step is counted once, when it
 * becomes completed), refilled from tasks by `lt_report_steps_rebuild()`. The monthly late lists and
 * the steps report read it instead of a year of tasks.
 */
export class ReportStepDays1764751000000 implements MigrationInterface {
  name = 'ReportStepDays1764751000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report_step_days" ("day" date NOT NULL, "unit" character varying(50) NOT NULL, "officer" character varying(200) NOT NULL, "procedure" character varying(100) NOT NULL, "finished" integer NOT NULL DEFAULT 0, "early" integer NOT NULL DEFAULT 0, "on_time" integer NOT NULL DEFAULT 0, "late" integer NOT NULL DEFAULT 0, "worked_minutes" bigint NOT NULL DEFAULT 0, "allotted_minutes" bigint NOT NULL DEFAULT 0, "tenant_code" character varying(20) NOT NULL DEFAULT lt_tenant_code(), CONSTRAINT "PK_report_step_days" PRIMARY KEY ("day", "unit", "officer", "procedure"))`,
    );
    // Working minutes of an allotted time (`3d`, `4h`, `1d4h`, `0.5d`, `30m`: libs/calendar's syntax).
    await queryRunner.query(`CREATE FUNCTION lt_allotted_minutes(a text) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(substring(a from '([0-9.]+)d')::numeric, 0) * 480 + coalesce(substring(a from '([0-9.]+)h')::numeric, 0) * 60
         + coalesce(substring(a from '([0-9.]+)m')::numeric, 0)
$$`);
    await queryRunner.query(`CREATE FUNCTION lt_report_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.unit IS NULL OR NEW.completed_at IS NULL THEN RETURN NULL; END IF;
  INSERT INTO report_step_days AS s (${COLUMNS})
  SELECT ${STEP_VALUES('NEW', `coalesce((SELECT d.definition_key FROM dossiers d WHERE d.id = NEW.dossier_id), '')`)}
  ON CONFLICT (day, unit, officer, procedure) DO UPDATE SET finished = s.finished + 1, early = s.early + EXCLUDED.early,
    on_time = s.on_time + EXCLUDED.on_time, late = s.late + EXCLUDED.late,
    worked_minutes = s.worked_minutes + EXCLUDED.worked_minutes, allotted_minutes = s.allotted_minutes + EXCLUDED.allotted_minutes;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER tasks_report_insert AFTER INSERT ON "tasks" FOR EACH ROW
         WHEN (NEW.status = 'completed') EXECUTE FUNCTION lt_report_step()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tasks_report_update AFTER UPDATE OF status ON "tasks" FOR EACH ROW
         WHEN (OLD.status IS DISTINCT FROM NEW.status AND NEW.status = 'completed') EXECUTE FUNCTION lt_report_step()`,
    );
    await queryRunner.query(`CREATE FUNCTION lt_report_steps_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  TRUNCATE report_step_days;
  INSERT INTO report_step_days (${COLUMNS})
  SELECT day, unit, officer, procedure, sum(finished), sum(early), sum(on_time), sum(late), sum(worked_minutes), sum(allotted_minutes)
    FROM (SELECT ${STEP_VALUES('t', 'd.definition_key')} FROM tasks t JOIN dossiers d ON d.id = t.dossier_id
           WHERE t.status = 'completed' AND t.unit IS NOT NULL AND t.completed_at IS NOT NULL)
         AS f(day, unit, officer, procedure, finished, early, on_time, late, worked_minutes, allotted_minutes)
   GROUP BY 1, 2, 3, 4;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$`);
    await queryRunner.query(`SELECT lt_report_steps_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION lt_report_steps_rebuild()`);
    await queryRunner.query(`DROP TRIGGER tasks_report_update ON "tasks"`);
    await queryRunner.query(`DROP TRIGGER tasks_report_insert ON "tasks"`);
    await queryRunner.query(`DROP FUNCTION lt_report_step()`);
    await queryRunner.query(`DROP FUNCTION lt_allotted_minutes(text)`);
    await queryRunner.query(`DROP TABLE "report_step_days"`);
  }
}
