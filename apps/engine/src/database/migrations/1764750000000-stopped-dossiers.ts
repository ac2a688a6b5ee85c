import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How a dossier's status maps to report_dossiers.end_kind, before and after this migration. */
const END_KINDS_BEFORE = `WHEN 'completed' THEN 'resolved' WHEN 'cancelled' THEN 'withdrawn' WHEN 'refused' THEN 'refused'`;
const END_KINDS = `${END_KINDS_BEFORE} WHEN 'stopped' THEN 'stopped'`;

/** The fact row of a dossier row `d` (as in 1764680000000-reports.ts), with the given end kinds. */
const factValues = (d: string, endKinds: string) =>
  `${d}.id, ${d}.code, ${d}.receiving_unit, ${d}.definition_key, ${d}.definition_version, ${d}.channel, ${d}.created_at,
    CASE WHEN ${d}.status::text <> 'active' THEN coalesce(${d}.ended_at, ${d}.updated_at) END,
    CASE ${d}.status::text ${endKinds} END,
    ${d}.outcome,
    coalesce((${d}.extension->>'previousDueAt')::timestamptz, ${d}.due_at),
    CASE WHEN ${d}.outcome = 'late' THEN coalesce((${d}.extension->>'previousDueAt')::timestamptz, ${d}.due_at, ${d}.ended_at) END,
    ${d}.extension IS NOT NULL`;

const COLUMNS = `dossier_id, code, unit, definition_key, definition_version, channel, received_at,
                 ended_at, end_kind, outcome, due_at, overdue_at, extended`;

/** The trigger function and the rebuild of report_dossiers, with the given end kinds. */
function functions(endKinds: string): string[] {
  return [
    `CREATE OR REPLACE FUNCTION lt_report_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_id IS NOT NULL THEN RETURN NULL; END IF;
  INSERT INTO report_dossiers AS r (${COLUMNS})
  SELECT ${factValues('NEW', endKinds)}
  ON CONFLICT (dossier_id) DO UPDATE SET ended_at = EXCLUDED.ended_at, end_kind = EXCLUDED.end_kind,
    outcome = EXCLUDED.outcome, due_at = coalesce(EXCLUDED.due_at, r.due_at),
    overdue_at = coalesce(r.overdue_at, CASE WHEN EXCLUDED.outcome = 'late' THEN coalesce(EXCLUDED.due_at, r.due_at, EXCLUDED.ended_at) END),
    extended = EXCLUDED.extended;
  RETURN NULL;
END $$`,
    `CREATE OR REPLACE FUNCTION lt_report_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  TRUNCATE report_dossiers;
  INSERT INTO report_dossiers (${COLUMNS})
  SELECT ${factValues('d', endKinds)} FROM dossiers d WHERE d.parent_id IS NULL;
  GET DIAGNOSTICS n = ROW_COUNT;
  UPDATE report_dossiers r SET overdue_at = o.due
    FROM (SELECT DISTINCT ON (dossier_id) dossier_id, coalesce(previous_due_at, at) AS due FROM deadline_events
           WHERE kind = 'overdue' AND task_id IS NULL ORDER BY dossier_id, id) o
   WHERE r.dossier_id = o.dossier_id AND (r.overdue_at IS NULL OR o.due < r.overdue_at);
  RETURN n;
END $$`,
  ];
}

/**
 * Stopped dossiers (dừng giải quyết, status `stopped`): report_dossiers counts them as end kind
 * `stopped` (form 06a's "stopped" figure, ADR 0010). Only the two functions change; no dossier was
 * stopped before this migration, so no row needs recounting.
 */
export class StoppedDossiers1764750000000 implements MigrationInterface {
  name = 'StoppedDossiers1764750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of functions(END_KINDS)) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of functions(END_KINDS_BEFORE)) await queryRunner.query(statement);
  }
}
