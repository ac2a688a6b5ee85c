import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** An append-only table partitioned by month, with what the unpartitioned one had (ADR 0011). */
interface AppendOnlyTable {
  readonly name: string;
  /** The guard function its statement trigger runs (refuses UPDATE, DELETE, TRUNCATE). */
  readonly guard: string;
  /** Its primary key's name before the conversion (kept by `down`). */
  readonly oldPrimaryKey: string;
  readonly indexes: readonly string[];
  /** Foreign key name and definition, if any. */
  readonly foreignKey?: readonly [string, string];
  /** Its other triggers, (name, definition after `ON "<table>"`). */
  readonly triggers: readonly (readonly [string, string])[];
}

const DOSSIER_FK = `FOREIGN KEY ("dossier_id") REFERENCES "dossiers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`;

const TABLES: readonly AppendOnlyTable[] = [
  {
    name: 'history_events',
    guard: 'lt_history_append_only',
    oldPrimaryKey: 'PK_37efb8ff48b1d3943482ecc57b6',
    indexes: [`CREATE INDEX "history_dossier_idx" ON "history_events" ("dossier_id", "id")`],
    foreignKey: ['FK_ee62dd772c9f90f02bb42921623', DOSSIER_FK],
    triggers: [],
  },
  {
    name: 'audit_log',
    guard: 'lt_audit_log_append_only',
    oldPrimaryKey: 'PK_07fefa57f7f5ab8fc3f52b3ed0b',
    indexes: [
      `CREATE INDEX "audit_log_dossier_idx" ON "audit_log" ("dossier_id") WHERE dossier_id IS NOT NULL`,
      `CREATE INDEX "audit_log_actor_idx" ON "audit_log" ("actor_id", "at")`,
      `CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at")`,
    ],
    triggers: [],
  },
  {
    name: 'deadline_events',
    guard: 'lt_history_append_only',
    oldPrimaryKey: 'PK_454e8eb5a8da91cc48d7962bd11',
    indexes: [`CREATE INDEX "deadline_events_dossier_idx" ON "deadline_events" ("dossier_id", "id")`],
    foreignKey: ['FK_1f79108e4d986809423b7077bcc', DOSSIER_FK],
    triggers: [
      [
        'deadline_events_report_overdue',
        `AFTER INSERT ON "deadline_events" FOR EACH ROW WHEN (NEW.kind = 'overdue' AND NEW.task_id IS NULL) EXECUTE FUNCTION lt_report_overdue()`,
      ],
    ],
  },
];

/** Copies the rows of table `from` into `to` (same columns, in the same order), then drops `from`. */
async function moveRows(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  await queryRunner.query(`INSERT INTO "${to}" SELECT * FROM "${from}"`);
  await queryRunner.query(`DROP TABLE "${from}"`);
}

/** The primary key (built after the copy: faster), indexes, foreign key and triggers of `t`. */
async function keysAndTriggers(
  queryRunner: QueryRunner,
  t: AppendOnlyTable,
  primaryKey: string,
): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${t.name}" ADD CONSTRAINT ${primaryKey}`);
  for (const index of t.indexes) await queryRunner.query(index);
  if (t.foreignKey)
    await queryRunner.query(`ALTER TABLE "${t.name}" ADD CONSTRAINT "${t.foreignKey[0]}" ${t.foreignKey[1]}`);
  await queryRunner.query(
    `CREATE TRIGGER ${t.name}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON "${t.name}" FOR EACH STATEMENT EXECUTE FUNCTION ${t.guard}()`,
  );
  for (const [name, definition] of t.triggers)
    await queryRunner.query(`CREATE TRIGGER ${name} ${definition}`);
}

/** Months created ahead of the current one by the migration (the engine keeps them ahead, see PartitionsService). */
const MONTHS_AHEAD = 3;

/**
 * History, audit and deadline events partitioned by month on `at` (ADR 0011): a province's ten years are
 * 120 partitions of each, a dossier's reads probe each partition's (dossier_id, id) index, and old
 * years can be detached (archived) without touching the hot months. The primary keys become (id, at)
 * (a partitioned table's unique keys hold its partition key); ids still come from the same sequences.
 *
 * `lt_month_partitions(table, first, last)` creates the missing month partitions between two months
 * (rows of such a month already in the DEFAULT partition move into it), each with the append-only guard
 * (statement triggers of the parent do not fire for a statement naming a partition);
 * `lt_ensure_partitions(today, months)` does it for the three tables under a transaction advisory lock,
 * so engines starting together create each partition once. The DEFAULT partition takes a row dated
 * outside every month created (a clock far ahead, an import of old files).
 *
 * Existing rows are copied into the new tables (rename, create, copy, drop): on a large database this
 * migration takes minutes (test/bench/tenyears measures it) and holds the tables meanwhile.
 */
export class MonthlyPartitions1764700000000 implements MigrationInterface {
  name = 'MonthlyPartitions1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION lt_month_partitions(parent text, first_month date, last_month date)
  RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', first_month)::date;
  next date;
  part text;
  made integer := 0;
  guard text := CASE parent WHEN 'audit_log' THEN 'lt_audit_log_append_only' ELSE 'lt_history_append_only' END;
BEGIN
  WHILE m <= last_month LOOP
    next := (m + interval '1 month')::date;
    part := parent || '_' || to_char(m, 'YYYY_MM');
    IF to_regclass(quote_ident(part)) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', part, parent);
      -- the rows of that month that landed in the DEFAULT partition move to it
      EXECUTE format('ALTER TABLE %I DISABLE TRIGGER %I', parent || '_default', parent || '_default_append_only');
      EXECUTE format('WITH moved AS (DELETE FROM %I WHERE at >= %L AND at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
                     parent || '_default', m, next, part);
      EXECUTE format('ALTER TABLE %I ENABLE TRIGGER %I', parent || '_default', parent || '_default_append_only');
      EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part, m, next);
      EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION %I()',
                     part || '_append_only', part, guard);
      made := made + 1;
    END IF;
    m := next;
  END LOOP;
  RETURN made;
END $$`);
    await queryRunner.query(`CREATE FUNCTION lt_ensure_partitions(today date, months_ahead integer)
  RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  last_month date := (date_trunc('month', today) + make_interval(months => months_ahead))::date;
BEGIN
  PERFORM pg_advisory_xact_lock(72550012);
  RETURN lt_month_partitions('history_events', today, last_month)
       + lt_month_partitions('audit_log', today, last_month)
       + lt_month_partitions('deadline_events', today, last_month);
END $$`);
    for (const table of TABLES) await this.partition(queryRunner, table);
  }

  private async partition(queryRunner: QueryRunner, t: AppendOnlyTable): Promise<void> {
    const old = `${t.name}_unpartitioned`;
    await queryRunner.query(`ALTER TABLE "${t.name}" RENAME TO "${old}"`);
    await queryRunner.query(
      `CREATE TABLE "${t.name}" (LIKE "${old}" INCLUDING DEFAULTS) PARTITION BY RANGE ("at")`,
    );
    await queryRunner.query(`ALTER SEQUENCE "${t.name}_id_seq" OWNED BY "${t.name}"."id"`);
    await queryRunner.query(`CREATE TABLE "${t.name}_default" PARTITION OF "${t.name}" DEFAULT`);
    await queryRunner.query(
      `CREATE TRIGGER "${t.name}_default_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "${t.name}_default" FOR EACH STATEMENT EXECUTE FUNCTION ${t.guard}()`,
    );
    await queryRunner.query(
      `SELECT lt_month_partitions($1, coalesce((SELECT min(at) FROM "${old}"), now())::date,
                                  (date_trunc('month', greatest(now(), (SELECT max(at) FROM "${old}"))) + make_interval(months => $2))::date)`,
      [t.name, MONTHS_AHEAD],
    );
    await moveRows(queryRunner, old, t.name);
    await keysAndTriggers(queryRunner, t, `"PK_${t.name}" PRIMARY KEY ("id", "at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of TABLES) {
      const partitioned = `${t.name}_partitioned`;
      await queryRunner.query(`ALTER TABLE "${t.name}" RENAME TO "${partitioned}"`);
      await queryRunner.query(`CREATE TABLE "${t.name}" (LIKE "${partitioned}" INCLUDING DEFAULTS)`);
      await queryRunner.query(`ALTER SEQUENCE "${t.name}_id_seq" OWNED BY "${t.name}"."id"`);
      await moveRows(queryRunner, partitioned, t.name);
      await keysAndTriggers(queryRunner, t, `"${t.oldPrimaryKey}" PRIMARY KEY ("id")`);
    }
    await queryRunner.query(`DROP FUNCTION lt_ensure_partitions(date, integer)`);
    await queryRunner.query(`DROP FUNCTION lt_month_partitions(text, date, date)`);
  }
}
