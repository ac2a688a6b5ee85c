import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SQL that fills report_dossiers from a dossier row (`d`): shared by the trigger and the rebuild. */
const FACT_VALUES = (
  d: string,
) => `${d}.id, ${d}.code, ${d}.receiving_unit, ${d}.definition_key, ${d}.definition_version, ${d}.channel, ${d}.created_at,
    CASE WHEN ${d}.status::text <> 'active' THEN coalesce(${d}.ended_at, ${d}.updated_at) END,
    CASE ${d}.status::text WHEN 'completed' THEN 'resolved' WHEN 'cancelled' THEN 'withdrawn' WHEN 'refused' THEN 'refused' END,
    ${d}.outcome,
    coalesce((${d}.extension->>'previousDueAt')::timestamptz, ${d}.due_at),
    CASE WHEN ${d}.outcome = 'late' THEN coalesce((${d}.extension->>'previousDueAt')::timestamptz, ${d}.due_at, ${d}.ended_at) END,
    ${d}.extension IS NOT NULL`;

/**
 * Statistics (ADR 0009): report_dossiers, one slim row per dossier kept by triggers in the command's
 * transaction, and report_settings, the province's choices and late-list thresholds with effective
 * dates. `lt_report_rebuild()` refills report_dossiers from dossiers and deadline_events.
 */
export class Reports1764680000000 implements MigrationInterface {
  name = 'Reports1764680000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "report_dossiers" ("dossier_id" uuid NOT NULL, "code" character varying(60) NOT NULL, "unit" character varying(50) NOT NULL, "definition_key" character varying(100) NOT NULL, "definition_version" integer NOT NULL, "channel" character varying(10) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "end_kind" character varying(12), "outcome" character varying(10), "due_at" TIMESTAMP WITH TIME ZONE, "overdue_at" TIMESTAMP WITH TIME ZONE, "extended" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_report_dossiers" PRIMARY KEY ("dossier_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "report_dossiers_received_idx" ON "report_dossiers" ("received_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "report_dossiers_ended_idx" ON "report_dossiers" ("ended_at", "received_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "report_dossiers_open_idx" ON "report_dossiers" ("received_at") WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "report_settings" ("id" SERIAL NOT NULL, "effective_from" date NOT NULL, "effective_to" date, "count_paused_in_progress" boolean NOT NULL DEFAULT true, "criticism_from" numeric(5,2) NOT NULL, "discipline_from" numeric(5,2) NOT NULL, "criticisms_for_discipline" integer NOT NULL, "basis" character varying(500) NOT NULL, CONSTRAINT "PK_report_settings" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `INSERT INTO report_settings (effective_from, count_paused_in_progress, criticism_from, discipline_from, criticisms_for_discipline, basis)
       VALUES ('2000-01-01', true, 5, 10, 3, 'Mặc định: trễ hạn từ 5% đến dưới 10% phê bình, từ 10% xem xét kỷ luật, 3 lần phê bình trong năm xem xét kỷ luật; hồ sơ tạm dừng chờ bổ sung vẫn tính là đang giải quyết')`,
    );
    // Steps finished in a period (late lists, time against the allotted time).
    await queryRunner.query(
      `CREATE INDEX "tasks_completed_idx" ON "tasks" ("completed_at") WHERE completed_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE FUNCTION lt_report_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_id IS NOT NULL THEN RETURN NULL; END IF;
  INSERT INTO report_dossiers AS r (dossier_id, code, unit, definition_key, definition_version, channel, received_at,
                                    ended_at, end_kind, outcome, due_at, overdue_at, extended)
  SELECT ${FACT_VALUES('NEW')}
  ON CONFLICT (dossier_id) DO UPDATE SET ended_at = EXCLUDED.ended_at, end_kind = EXCLUDED.end_kind,
    outcome = EXCLUDED.outcome, due_at = coalesce(EXCLUDED.due_at, r.due_at),
    overdue_at = coalesce(r.overdue_at, CASE WHEN EXCLUDED.outcome = 'late' THEN coalesce(EXCLUDED.due_at, r.due_at, EXCLUDED.ended_at) END),
    extended = EXCLUDED.extended;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER dossiers_report_insert AFTER INSERT ON "dossiers" FOR EACH ROW EXECUTE FUNCTION lt_report_dossier()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER dossiers_report_update AFTER UPDATE ON "dossiers" FOR EACH ROW
         WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.due_at IS DISTINCT FROM NEW.due_at
               OR OLD.outcome IS DISTINCT FROM NEW.outcome OR OLD.extension IS DISTINCT FROM NEW.extension)
         EXECUTE FUNCTION lt_report_dossier()`,
    );
    await queryRunner.query(`CREATE FUNCTION lt_report_overdue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_dossiers SET overdue_at = coalesce(NEW.previous_due_at, NEW.at)
   WHERE dossier_id = NEW.dossier_id AND overdue_at IS NULL;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE TRIGGER deadline_events_report_overdue AFTER INSERT ON "deadline_events" FOR EACH ROW
         WHEN (NEW.kind = 'overdue' AND NEW.task_id IS NULL) EXECUTE FUNCTION lt_report_overdue()`,
    );
    // The rebuild: the same values from every top-level dossier, then the first overdue event of each.
    await queryRunner.query(`CREATE FUNCTION lt_report_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  TRUNCATE report_dossiers;
  INSERT INTO report_dossiers (dossier_id, code, unit, definition_key, definition_version, channel, received_at,
                               ended_at, end_kind, outcome, due_at, overdue_at, extended)
  SELECT ${FACT_VALUES('d')} FROM dossiers d WHERE d.parent_id IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  UPDATE report_dossiers r SET overdue_at = o.due
    FROM (SELECT DISTINCT ON (dossier_id) dossier_id, coalesce(previous_due_at, at) AS due FROM deadline_events
           WHERE kind = 'overdue' AND task_id IS NULL ORDER BY dossier_id, id) o
   WHERE r.dossier_id = o.dossier_id AND (r.overdue_at IS NULL OR o.due < r.overdue_at);
  RETURN n;
END $$`);
    await queryRunner.query(`SELECT lt_report_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION lt_report_rebuild()`);
    await queryRunner.query(`DROP TRIGGER deadline_events_report_overdue ON "deadline_events"`);
    await queryRunner.query(`DROP FUNCTION lt_report_overdue()`);
    await queryRunner.query(`DROP TRIGGER dossiers_report_update ON "dossiers"`);
    await queryRunner.query(`DROP TRIGGER dossiers_report_insert ON "dossiers"`);
    await queryRunner.query(`DROP FUNCTION lt_report_dossier()`);
    await queryRunner.query(`DROP INDEX "public"."tasks_completed_idx"`);
    await queryRunner.query(`DROP TABLE "report_settings"`);
    await queryRunner.query(`DROP INDEX "public"."report_dossiers_open_idx"`);
    await queryRunner.query(`DROP INDEX "public"."report_dossiers_ended_idx"`);
    await queryRunner.query(`DROP INDEX "public"."report_dossiers_received_idx"`);
    await queryRunner.query(`DROP TABLE "report_dossiers"`);
  }
}
