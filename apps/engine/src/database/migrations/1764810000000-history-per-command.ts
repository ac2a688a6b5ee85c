import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** What both directions give the history table they build (ADR 0011: monthly partitions on `at`). */
async function partitioned(
  queryRunner: QueryRunner,
  table: string,
  columns: string,
  months: { from: string; to: string },
): Promise<void> {
  await queryRunner.query(`CREATE TABLE "${table}" (${columns}) PARTITION BY RANGE ("at")`);
  await queryRunner.query(`CREATE TABLE "${table}_default" PARTITION OF "${table}" DEFAULT`);
  await queryRunner.query(
    `CREATE TRIGGER "${table}_default_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "${table}_default" FOR EACH STATEMENT EXECUTE FUNCTION lt_history_append_only()`,
  );
  // the months of the rows to copy, and three ahead (as MonthlyPartitions1764700000000)
  await queryRunner.query(
    `SELECT lt_month_partitions($1, coalesce((${months.from}), now())::date,
                                (date_trunc('month', greatest(now(), (${months.to}))) + interval '3 months')::date)`,
    [table],
  );
}

/** The primary key, the dossier index, the foreign key and the append-only guard of a history table. */
async function keysAndGuard(
  queryRunner: QueryRunner,
  table: string,
  names: { primaryKey: string; foreignKey: string },
): Promise<void> {
  await queryRunner.query(
    `ALTER TABLE "${table}" ADD CONSTRAINT "${names.primaryKey}" PRIMARY KEY ("id", "at")`,
  );
  await queryRunner.query(`CREATE INDEX "history_dossier_idx" ON "${table}" ("dossier_id", "id")`);
  await queryRunner.query(
    `ALTER TABLE "${table}" ADD CONSTRAINT "${names.foreignKey}" FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
  );
  await queryRunner.query(
    `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION lt_history_append_only()`,
  );
}

/** lt_ensure_partitions (MonthlyPartitions1764700000000) over the given history table. */
const ensurePartitions = (
  history: string,
) => `CREATE OR REPLACE FUNCTION lt_ensure_partitions(today date, months_ahead integer)
  RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  last_month date := (date_trunc('month', today) + make_interval(months => months_ahead))::date;
BEGIN
  PERFORM pg_advisory_xact_lock(72550012);
  RETURN lt_month_partitions('${history}', today, last_month)
       + lt_month_partitions('audit_log', today, last_month)
       + lt_month_partitions('deadline_events', today, last_month);
END $$`;

/**
 * One history row per command (ADR 0007, session 8): the table `history` holds, for each command that
 * changed a dossier, its instant, actor and `events`, a JSON array of {type, nodeId?, taskId?, data?}
 * in the order they happened. A completion wrote about five rows of `history_events` (node.entered,
 * task.completed, node.completed, flow.taken, task.created), each with two index entries and a foreign
 * key check; it now writes one.
 *
 * `history_events` becomes a view of the events, one row each as before (`history_id` and `n`, its
 * position in the row's array from 1, order them; there is no `id` column any more), so that readers
 * keep their queries: a condition on `dossier_id` and `at` applies to the table under it, and a
 * dossier's read still prunes to the month partitions of its life (DATED, ADR 0011). The table stays
 * partitioned by month on `at` and append-only (the statement guard on it and on every partition).
 *
 * Existing events are grouped into rows by (dossier, instant, actor): a command dated its events with
 * one instant and one actor. Two commands of one actor on one dossier within the same millisecond (or
 * under a held test clock) become one row, their events still in their order, which no reader can
 * tell apart. A row takes the smallest id of its events, and the sequence goes on from there, so rows
 * keep the order of the events. `down` expands the rows back, one event a row, numbered afresh in order.
 */
export class HistoryPerCommand1764810000000 implements MigrationInterface {
  name = 'HistoryPerCommand1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await partitioned(
      queryRunner,
      'history',
      `"id" bigint NOT NULL, "tenant_code" character varying(20) NOT NULL DEFAULT lt_tenant_code(),
       "dossier_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor" character varying(200),
       "events" jsonb NOT NULL`,
      { from: 'SELECT min(at) FROM history_events', to: 'SELECT max(at) FROM history_events' },
    );
    await queryRunner.query(`ALTER SEQUENCE "history_events_id_seq" RENAME TO "history_id_seq"`);
    await queryRunner.query(`ALTER SEQUENCE "history_id_seq" OWNED BY "history"."id"`);
    await queryRunner.query(`ALTER TABLE "history" ALTER COLUMN "id" SET DEFAULT nextval('history_id_seq')`);
    await queryRunner.query(
      `INSERT INTO "history" (id, tenant_code, dossier_id, at, actor, events)
       SELECT min(id), tenant_code, dossier_id, at, actor,
              jsonb_agg(jsonb_strip_nulls(jsonb_build_object('type', type, 'nodeId', node_id, 'taskId', task_id))
                        || CASE WHEN data IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('data', data) END ORDER BY id)
         FROM history_events GROUP BY tenant_code, dossier_id, at, actor`,
    );
    await queryRunner.query(`DROP TABLE "history_events"`);
    await keysAndGuard(queryRunner, 'history', {
      primaryKey: 'PK_history',
      foreignKey: 'FK_470d4b066c0cf553a166f653cc0',
    });
    await queryRunner.query(
      `CREATE VIEW "history_events" AS
       SELECT h.id AS history_id, x.n::int AS n, h.tenant_code, h.dossier_id, h.at, h.actor,
              x.e->>'type' AS type, x.e->>'nodeId' AS node_id, (x.e->>'taskId')::uuid AS task_id,
              nullif(x.e->'data', 'null'::jsonb) AS data
         FROM "history" h CROSS JOIN LATERAL jsonb_array_elements(h.events) WITH ORDINALITY AS x(e, n)`,
    );
    await queryRunner.query(ensurePartitions('history'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW "history_events"`);
    await partitioned(
      queryRunner,
      'history_events',
      `"id" bigint NOT NULL, "dossier_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL,
       "type" character varying(40) NOT NULL, "node_id" character varying(200), "task_id" uuid,
       "actor" character varying(200), "data" jsonb,
       "tenant_code" character varying(20) NOT NULL DEFAULT lt_tenant_code()`,
      { from: 'SELECT min(at) FROM history', to: 'SELECT max(at) FROM history' },
    );
    await queryRunner.query(
      `INSERT INTO "history_events" (id, dossier_id, at, type, node_id, task_id, actor, data, tenant_code)
       SELECT row_number() OVER (ORDER BY h.id, x.n), h.dossier_id, h.at, x.e->>'type', x.e->>'nodeId',
              (x.e->>'taskId')::uuid, h.actor, nullif(x.e->'data', 'null'::jsonb), h.tenant_code
         FROM "history" h CROSS JOIN LATERAL jsonb_array_elements(h.events) WITH ORDINALITY AS x(e, n)`,
    );
    await queryRunner.query(`ALTER SEQUENCE "history_id_seq" RENAME TO "history_events_id_seq"`);
    await queryRunner.query(`ALTER SEQUENCE "history_events_id_seq" OWNED BY "history_events"."id"`);
    await queryRunner.query(
      `ALTER TABLE "history_events" ALTER COLUMN "id" SET DEFAULT nextval('history_events_id_seq')`,
    );
    await queryRunner.query(
      `SELECT setval('history_events_id_seq', coalesce((SELECT max(id) FROM "history_events"), 0) + 1, false)`,
    );
    await queryRunner.query(ensurePartitions('history_events'));
    await queryRunner.query(`DROP TABLE "history"`);
    await keysAndGuard(queryRunner, 'history_events', {
      primaryKey: 'PK_history_events',
      foreignKey: 'FK_ee62dd772c9f90f02bb42921623',
    });
  }
}
