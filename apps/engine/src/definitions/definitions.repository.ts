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
  published_at: Date | null;
  xml?: string;
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
}

const SUMMARY_COLUMNS = `id, key, version, name, procedure_code, legal_time_limit, status, checksum, created_at, published_at`;

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
      `INSERT INTO definitions (id, key, version, name, procedure_code, legal_time_limit, status, xml, checksum, graph, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10) RETURNING ${SUMMARY_COLUMNS}`,
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
      ],
    );
    return rows[0] as DefinitionRow;
  }

  /** Retires the published version of `key`, if any. */
  async retirePublished(sql: Sql, key: string, now: Date): Promise<void> {
    await sql(
      `UPDATE definitions SET status = 'retired', retired_at = $2 WHERE key = $1 AND status = 'published'`,
      [key, now],
    );
  }

  async publish(sql: Sql, id: string, now: Date): Promise<DefinitionRow> {
    const { rows } = await sql<DefinitionRow>(
      `UPDATE definitions SET status = 'published', published_at = $2, retired_at = NULL WHERE id = $1 RETURNING ${SUMMARY_COLUMNS}`,
      [id, now],
    );
    return rows[0] as DefinitionRow;
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

  /** The published version of a key. */
  async published(key: string): Promise<{ id: string; version: number; graph: ProcessGraph } | undefined> {
    const { rows } = await this.db.query<{ id: string; version: number; graph: ProcessGraph }>(
      `SELECT id, version, graph FROM definitions WHERE key = $1 AND status = 'published'`,
      [key],
    );
    return rows[0];
  }

  /** Whether any version of `key` exists. */
  async exists(key: string): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM definitions WHERE key = $1 LIMIT 1`, [key]);
    return rows.length > 0;
  }
}
