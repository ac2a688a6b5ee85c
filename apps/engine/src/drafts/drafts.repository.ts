import { Injectable } from '@nestjs/common';
import { SqlFilter } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';

export interface DraftRow {
  id: string;
  definition_key: string;
  name: string;
  revision: number;
  base_version: number | null;
  created_by: string;
  created_at: Date;
  updated_by: string;
  updated_at: Date;
  xml?: string;
}

export interface NewDraft {
  id: string;
  key: string;
  name: string;
  xml: string;
  baseVersion: number | null;
  by: string;
  at: Date;
}

const SUMMARY_COLUMNS = `id, definition_key, name, revision, base_version, created_by, created_at, updated_by, updated_at`;

/** Statements on the designer's drafts (`designer_drafts`). */
@Injectable()
export class DraftsRepository {
  constructor(private readonly db: Db) {}

  async insert(d: NewDraft): Promise<DraftRow> {
    const { rows } = await this.db.query<DraftRow>(
      `INSERT INTO designer_drafts (id, definition_key, name, xml, revision, base_version, created_by, created_at, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $6, $7) RETURNING ${SUMMARY_COLUMNS}, xml`,
      [d.id, d.key, d.name, d.xml, d.baseVersion, d.by, d.at],
    );
    return rows[0] as DraftRow;
  }

  /** Newest first; a page of summaries (no XML). */
  async list(query: {
    key: string | undefined;
    after: { updatedAt: string; id: string } | undefined;
    limit: number;
  }): Promise<DraftRow[]> {
    const filter = new SqlFilter().addIf(query.key, 'definition_key = ?');
    const after = query.after;
    if (after) filter.add('(updated_at, id) < (?::timestamptz, ?::uuid)', after.updatedAt, after.id);
    const { rows } = await this.db.query<DraftRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM designer_drafts ${filter.where}
        ORDER BY updated_at DESC, id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return rows;
  }

  async find(id: string, sql: Sql = this.db.query): Promise<DraftRow | undefined> {
    const { rows } = await sql<DraftRow>(
      `SELECT ${SUMMARY_COLUMNS}, xml FROM designer_drafts WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** Saves over `revision` only: undefined when the draft is missing or was saved since. */
  async save(
    id: string,
    revision: number,
    d: { key: string; name: string; xml: string; by: string; at: Date },
  ): Promise<DraftRow | undefined> {
    const { rows } = await this.db.query<DraftRow>(
      `UPDATE designer_drafts SET definition_key = $3, name = $4, xml = $5, revision = revision + 1, updated_by = $6, updated_at = $7
        WHERE id = $1 AND revision = $2 RETURNING ${SUMMARY_COLUMNS}, xml`,
      [id, revision, d.key, d.name, d.xml, d.by, d.at],
    );
    return rows[0];
  }

  /** Number of rows deleted (0 or 1). */
  async remove(id: string): Promise<number> {
    const { rowCount } = await this.db.query(`DELETE FROM designer_drafts WHERE id = $1`, [id]);
    return rowCount ?? 0;
  }
}
