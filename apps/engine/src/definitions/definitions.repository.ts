import { Injectable } from '@nestjs/common';
import type { ProcessGraph } from '@lienthong/bpmn';
import type { DefinitionStatus } from '@lienthong/contracts';
import { SqlFilter } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';

export interface DefinitionRow {
  id: string;
  key: string;
  version: number;
  name: string;
  procedure_code: string | null;
  legal_time_limit: string | null;
  status: DefinitionStatus;
  checksum: string;
  created_at: Date;
  created_by: string | null;
  published_at: Date | null;
  published_by: string | null;
  decision_number: string | null;
  decision_date: string | null;
  effective_from: string | null;
  retired_at: Date | null;
  xml?: string;
}

/** What a publication records. */
export interface Publication {
  at: Date;
  by: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  /** Null: in effect from its publication on. */
  effectiveFrom: string | null;
}

/** A new version's columns (status draft). */
export interface NewDefinition {
  id: string;
  key: string;
  version: number;
  name: string;
  procedureCode: string | null;
  legalTimeLimit: string | null;
  xml: string;
  checksum: string;
  graph: ProcessGraph;
  createdAt: Date;
  createdBy: string;
}

/**
 * The day a published version takes effect: its `effective_from`, or, published without one, the day of
 * its publication (Vietnam time). Such a version is in effect whatever the engine's clock says (the test
 * clock may go back before its publication), as the published version always was.
 */
const EFFECTIVE_DAY = `COALESCE(effective_from, (published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`;

const SUMMARY_COLUMNS = `id, key, version, name, procedure_code, legal_time_limit, status, checksum, created_at, created_by,
  published_at, published_by, decision_number, to_char(decision_date, 'YYYY-MM-DD') AS decision_date,
  CASE WHEN status <> 'draft' THEN to_char(${EFFECTIVE_DAY}, 'YYYY-MM-DD') END AS effective_from, retired_at`;

/** The published version of each key in effect on day `$n`: the latest whose effective date has come. */
const IN_EFFECT = (day: string) =>
  `status = 'published' AND (effective_from IS NULL OR effective_from <= ${day}::date)
   ORDER BY key, ${EFFECTIVE_DAY} DESC, version DESC`;

/**
 * Statements on definitions (the deployed versions of procedures). Those that take `sql` run in
 * the caller's transaction (`Db.transaction`), under `lockKey`.
 */
@Injectable()
export class DefinitionsRepository {
  constructor(private readonly db: Db) {}

  /** Serialises deploys and publications of one key (until the transaction ends). */
  async lockKey(sql: Sql, key: string): Promise<void> {
    await sql(`SELECT pg_advisory_xact_lock(hashtext('definition:' || $1))`, [key]);
  }

  async latest(sql: Sql, key: string): Promise<DefinitionRow | undefined> {
    const { rows } = await sql<DefinitionRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM definitions WHERE key = $1 ORDER BY version DESC LIMIT 1`,
      [key],
    );
    return rows[0];
  }

  async insert(sql: Sql, d: NewDefinition): Promise<DefinitionRow> {
    const { rows } = await sql<DefinitionRow>(
      `INSERT INTO definitions (id, key, version, name, procedure_code, legal_time_limit, status, xml, checksum, graph, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10, $11) RETURNING ${SUMMARY_COLUMNS}`,
      [
        d.id,
        d.key,
        d.version,
        d.name,
        d.procedureCode,
        d.legalTimeLimit,
        d.xml,
        d.checksum,
        d.graph,
        d.createdAt,
        d.createdBy,
      ],
    );
    return rows[0] as DefinitionRow;
  }

  /**
   * Retires the published versions of `key` that no dossier received from `day` on can start on: those
   * older (by effective date, then version) than the version in effect on `day`. A version taking effect
   * later stays published, and so does the one in effect until then.
   */
  async retireSuperseded(sql: Sql, key: string, day: string, now: Date): Promise<void> {
    await sql(
      `WITH current AS (SELECT DISTINCT ON (key) ${EFFECTIVE_DAY} AS day, version FROM definitions WHERE key = $1 AND ${IN_EFFECT('$2')})
       UPDATE definitions d SET status = 'retired', retired_at = $3
         FROM current c
        WHERE d.key = $1 AND d.status = 'published'
          AND (COALESCE(d.effective_from, (d.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date), d.version) < (c.day, c.version)`,
      [key, day, now],
    );
  }

  async publish(sql: Sql, id: string, p: Publication): Promise<DefinitionRow> {
    const { rows } = await sql<DefinitionRow>(
      `UPDATE definitions SET status = 'published', published_at = $2, published_by = $3, decision_number = $4,
              decision_date = $5::date, effective_from = $6::date, retired_at = NULL
        WHERE id = $1 RETURNING ${SUMMARY_COLUMNS}`,
      [id, p.at, p.by, p.decisionNumber, p.decisionDate, p.effectiveFrom],
    );
    return rows[0] as DefinitionRow;
  }

  /** The ids of the versions in effect on `day` among `keys`. */
  async inEffect(keys: string[], day: string, sql: Sql = this.db.query): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const { rows } = await sql<{ id: string }>(
      `SELECT DISTINCT ON (key) id FROM definitions WHERE key = ANY($1::text[]) AND ${IN_EFFECT('$2')}`,
      [keys, day],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** One version (with its XML when `withXml`); `sql` defaults to the pool. */
  async find(
    key: string,
    version: number,
    withXml = false,
    sql: Sql = this.db.query,
  ): Promise<DefinitionRow | undefined> {
    const { rows } = await sql<DefinitionRow>(
      `SELECT ${SUMMARY_COLUMNS}${withXml ? ', xml' : ''} FROM definitions WHERE key = $1 AND version = $2`,
      [key, version],
    );
    return rows[0];
  }

  /** A page by (key, version), after the cursor's, one more than `limit`. */
  async list(query: {
    key?: string;
    status?: DefinitionStatus;
    limit: number;
    after?: { key: string; version: number };
  }): Promise<DefinitionRow[]> {
    const filter = new SqlFilter().addIf(query.key, 'key = ?').addIf(query.status, 'status = ?');
    if (query.after) filter.add('(key, version) > (?, ?::int)', query.after.key, query.after.version);
    const { rows } = await this.db.query<DefinitionRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM definitions ${filter.where} ORDER BY key, version LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return rows;
  }

  /** The version of a key in effect on `day`. */
  async published(
    key: string,
    day: string,
  ): Promise<{ id: string; version: number; graph: ProcessGraph } | undefined> {
    const { rows } = await this.db.query<{ id: string; version: number; graph: ProcessGraph }>(
      `SELECT DISTINCT ON (key) id, version, graph FROM definitions WHERE key = $1 AND ${IN_EFFECT('$2')}`,
      [key, day],
    );
    return rows[0];
  }

  /** A version's compiled graph and XML (for publishing and migrating). */
  async compiled(
    key: string,
    version: number,
    sql: Sql = this.db.query,
  ): Promise<{ id: string; status: DefinitionStatus; graph: ProcessGraph; xml: string } | undefined> {
    const { rows } = await sql<{ id: string; status: DefinitionStatus; graph: ProcessGraph; xml: string }>(
      `SELECT id, status, graph, xml FROM definitions WHERE key = $1 AND version = $2`,
      [key, version],
    );
    return rows[0];
  }

  /** Whether any version of `key` exists. */
  /** Active dossiers by definition id (ids without any are absent): the covering index of open dossiers. */
  async runningDossiers(ids: string[]): Promise<Map<string, number>> {
    const { rows } = await this.db.query<{ definition_id: string; n: number }>(
      `SELECT definition_id, count(*)::int AS n FROM dossiers
        WHERE status = 'active' AND definition_id = ANY($1::uuid[]) GROUP BY definition_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.definition_id, r.n]));
  }

  async exists(key: string): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM definitions WHERE key = $1 LIMIT 1`, [key]);
    return rows.length > 0;
  }
}
