import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first instant of a Vietnam date (`-infinity` for `-infinity`). */
const VN_START = (day: string) => `(${day}::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;

const COLUMNS = `day, unit, officer, procedure, finished, early, on_time, late, worked_minutes, allotted_minutes`;

/**
 * report_step_days off the commands' path (ADR 0010, session 8): the per-row triggers on tasks, which
 * upserted one step-day row per finished step inside every completing command, are dropped. Instead
 * `lt_report_steps_roll(until)` adds the finished steps of whole Vietnam days behind a watermark
 * (`report_step_rollup.rolled_until`, the first day not rolled up), run by the engine
 * (ReportStepsRollup) for the days older than a safety margin; the readers take report_step_days
 * before the watermark and `report_step_facts` (the finished steps, one row each) from it. Both read
 * the same view, so a step counts the same before and after its day is rolled up. The steps open at a
 * period's end: report_step_flows (flows of the steps ended before the watermark, summed up to the
 * end), the steps ended since and those still open from tasks.
 */
export class ReportStepRollup1764820000000 implements MigrationInterface {
  name = 'ReportStepRollup1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS tasks_report_update ON "tasks"`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS tasks_report_insert ON "tasks"`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS lt_report_step()`);
    await queryRunner.query(
      `CREATE TABLE "report_step_rollup" ("id" smallint NOT NULL DEFAULT 1, "rolled_until" date NOT NULL, "rolled_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "tenant_code" character varying(20) NOT NULL DEFAULT lt_tenant_code(), CONSTRAINT "PK_report_step_rollup" PRIMARY KEY ("id"))`,
    );
    // One finished step per row, with what it adds to its step day (allotted minutes rounded per step,
    // so that a day's row is exactly the sum of its steps).
    await queryRunner.query(`CREATE VIEW report_step_facts AS
  SELECT t.completed_at, (t.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, t.unit::text AS unit,
         coalesce(t.completed_by, '')::text AS officer, coalesce(d.definition_key, '')::text AS procedure,
         1 AS finished, (coalesce(t.outcome, '') = 'early')::int AS early,
         (coalesce(t.outcome, 'on_time') = 'on_time')::int AS on_time, (coalesce(t.outcome, '') = 'late')::int AS late,
         (CASE WHEN t.allotted_time IS NOT NULL THEN coalesce(t.worked_minutes, 0) ELSE 0 END)::bigint AS worked_minutes,
         (CASE WHEN t.allotted_time IS NOT NULL THEN round(lt_allotted_minutes(t.allotted_time)) ELSE 0 END)::bigint AS allotted_minutes
    FROM tasks t LEFT JOIN dossiers d ON d.id = t.dossier_id
   WHERE t.status = 'completed' AND t.unit IS NOT NULL AND t.completed_at IS NOT NULL`);
    // The steps open at a period's end, as flows of the ended steps (frozen once ended): one ended step
    // adds `started` on the day it was created and `ended` on the day it ended, and, with a due instant,
    // `overdue_from` on the day of the later of its creation and its due instant and `overdue_to` on the
    // day of the latest of those and its end. Summed over the days before a period's end E:
    // started − ended = created before E and ended at or after E (open at E); overdue_from − overdue_to
    // = open at E with its due instant before E. The steps still open are counted from tasks.
    await queryRunner.query(
      `CREATE TABLE "report_step_flows" ("day" date NOT NULL, "unit" character varying(50) NOT NULL, "officer" character varying(200) NOT NULL, "procedure" character varying(100) NOT NULL, "started" integer NOT NULL DEFAULT 0, "ended" integer NOT NULL DEFAULT 0, "overdue_from" integer NOT NULL DEFAULT 0, "overdue_to" integer NOT NULL DEFAULT 0, "tenant_code" character varying(20) NOT NULL DEFAULT lt_tenant_code(), CONSTRAINT "PK_report_step_flows" PRIMARY KEY ("day", "unit", "officer", "procedure"))`,
    );
    await queryRunner.query(`CREATE VIEW report_step_flow_facts AS
  SELECT t.completed_at, (x.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, t.unit::text AS unit,
         coalesce(t.completed_by, t.assignee, '')::text AS officer, coalesce(d.definition_key, '')::text AS procedure,
         x.started, x.ended, x.overdue_from, x.overdue_to
    FROM tasks t LEFT JOIN dossiers d ON d.id = t.dossier_id,
         LATERAL (VALUES (t.created_at, 1, 0, 0, 0), (t.completed_at, 0, 1, 0, 0),
                         (greatest(t.created_at, t.due_at), 0, 0, 1, 0),
                         (greatest(t.created_at, t.due_at, t.completed_at), 0, 0, 0, 1))
           AS x(at, started, ended, overdue_from, overdue_to)
   WHERE t.unit IS NOT NULL AND t.completed_at IS NOT NULL AND (x.overdue_from + x.overdue_to = 0 OR t.due_at IS NOT NULL)`);
    await queryRunner.query(`CREATE FUNCTION lt_report_steps_roll(until date) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE w date; n bigint;
BEGIN
  -- the watermark's row lock: one roll-up (or rebuild) at a time; readers see the new days and the
  -- new watermark together, at the commit
  SELECT rolled_until INTO w FROM report_step_rollup WHERE id = 1 FOR UPDATE;
  IF w IS NULL OR until <= w THEN RETURN 0; END IF;
  INSERT INTO report_step_days (${COLUMNS})
  SELECT day, unit, officer, procedure, sum(finished), sum(early), sum(on_time), sum(late), sum(worked_minutes), sum(allotted_minutes)
    FROM report_step_facts
   WHERE completed_at >= ${VN_START('w')} AND completed_at < ${VN_START('until')}
   GROUP BY 1, 2, 3, 4;
  GET DIAGNOSTICS n = ROW_COUNT;
  -- the steps ended in those days add their flows (to those days or earlier ones)
  INSERT INTO report_step_flows AS s (day, unit, officer, procedure, started, ended, overdue_from, overdue_to)
  SELECT day, unit, officer, procedure, sum(started), sum(ended), sum(overdue_from), sum(overdue_to)
    FROM report_step_flow_facts
   WHERE completed_at >= ${VN_START('w')} AND completed_at < ${VN_START('until')}
   GROUP BY 1, 2, 3, 4
  ON CONFLICT (day, unit, officer, procedure) DO UPDATE SET started = s.started + EXCLUDED.started,
    ended = s.ended + EXCLUDED.ended, overdue_from = s.overdue_from + EXCLUDED.overdue_from,
    overdue_to = s.overdue_to + EXCLUDED.overdue_to;
  UPDATE report_step_rollup SET rolled_until = until, rolled_at = now() WHERE id = 1;
  RETURN n;
END $$`);
    // The rebuild refills every day before the watermark, which it keeps.
    await queryRunner.query(`CREATE OR REPLACE FUNCTION lt_report_steps_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE w date;
BEGIN
  SELECT rolled_until INTO w FROM report_step_rollup WHERE id = 1 FOR UPDATE;
  TRUNCATE report_step_days, report_step_flows;
  UPDATE report_step_rollup SET rolled_until = '-infinity' WHERE id = 1;
  RETURN lt_report_steps_roll(w);
END $$`);
    // The days the triggers kept stay, up to the database's Vietnam day (today's are read from tasks
    // until rolled up); a new database starts with nothing rolled up.
    await queryRunner.query(
      `INSERT INTO report_step_rollup (id, rolled_until)
       SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM report_step_days) THEN (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date ELSE '-infinity' END`,
    );
    await queryRunner.query(
      `DELETE FROM report_step_days WHERE day >= (SELECT rolled_until FROM report_step_rollup WHERE id = 1)`,
    );
    // the flows of the steps ended before the watermark (the kept days have none yet)
    await queryRunner.query(
      `INSERT INTO report_step_flows (day, unit, officer, procedure, started, ended, overdue_from, overdue_to)
       SELECT day, unit, officer, procedure, sum(started), sum(ended), sum(overdue_from), sum(overdue_to)
         FROM report_step_flow_facts
        WHERE completed_at < ${VN_START('(SELECT rolled_until FROM report_step_rollup WHERE id = 1)')}
        GROUP BY 1, 2, 3, 4`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // back to the triggers of 1764751000000 (their functions as they were), every day rebuilt
    const step = (t: string, procedure: string) =>
      `(${t}.completed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, ${t}.unit, coalesce(${t}.completed_by, ''), ${procedure},
   1, (coalesce(${t}.outcome, '') = 'early')::int, (coalesce(${t}.outcome, 'on_time') = 'on_time')::int,
   (coalesce(${t}.outcome, '') = 'late')::int,
   CASE WHEN ${t}.allotted_time IS NOT NULL THEN coalesce(${t}.worked_minutes, 0) ELSE 0 END,
   CASE WHEN ${t}.allotted_time IS NOT NULL THEN lt_allotted_minutes(${t}.allotted_time) ELSE 0 END`;
    await queryRunner.query(`CREATE OR REPLACE FUNCTION lt_report_steps_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  TRUNCATE report_step_days;
  INSERT INTO report_step_days (${COLUMNS})
  SELECT day, unit, officer, procedure, sum(finished), sum(early), sum(on_time), sum(late), sum(worked_minutes), sum(allotted_minutes)
    FROM (SELECT ${step('t', 'd.definition_key')} FROM tasks t JOIN dossiers d ON d.id = t.dossier_id
           WHERE t.status = 'completed' AND t.unit IS NOT NULL AND t.completed_at IS NOT NULL)
         AS f(day, unit, officer, procedure, finished, early, on_time, late, worked_minutes, allotted_minutes)
   GROUP BY 1, 2, 3, 4;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$`);
    await queryRunner.query(`DROP FUNCTION lt_report_steps_roll(date)`);
    await queryRunner.query(`DROP VIEW report_step_flow_facts`);
    await queryRunner.query(`DROP TABLE "report_step_flows"`);
    await queryRunner.query(`DROP VIEW report_step_facts`);
    await queryRunner.query(`DROP TABLE "report_step_rollup"`);
    await queryRunner.query(`CREATE FUNCTION lt_report_step() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.unit IS NULL OR NEW.completed_at IS NULL THEN RETURN NULL; END IF;
  INSERT INTO report_step_days AS s (${COLUMNS})
  SELECT ${step('NEW', `coalesce((SELECT d.definition_key FROM dossiers d WHERE d.id = NEW.dossier_id), '')`)}
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
    await queryRunner.query(`SELECT lt_report_steps_rebuild()`);
  }
}
