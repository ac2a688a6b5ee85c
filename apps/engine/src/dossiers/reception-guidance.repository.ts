import { Injectable } from '@nestjs/common';
import type { ApplicantDto } from '@lienthong/contracts';
import { dailyNumberSql } from '../common/sql/daily-number.util';
import { SqlFilter } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { applicantNameLike, likePattern } from './dossiers.repository';

export interface GuidanceRow {
  id: string;
  code: string;
  definition_key: string;
  procedure_name: string;
  receiving_unit: string;
  applicant: ApplicantDto;
  items: string[];
  contact: string | null;
  created_by: string;
  created_at: Date;
}

const COLUMNS = `id, code, definition_key, procedure_name, receiving_unit, applicant, items, contact, created_by, created_at`;

/** Supplement guidances given at the desk (table reception_guidance). */
@Injectable()
export class ReceptionGuidanceRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts a guidance numbered after the unit's last one of `day` (a transaction lock per unit makes
   * concurrent guidances wait for each other's number), in the caller's transaction.
   */
  async insert(
    sql: Sql,
    row: Omit<GuidanceRow, 'code'> & { codePrefix: string; day: string },
  ): Promise<GuidanceRow> {
    await sql(`SELECT pg_advisory_xact_lock(hashtext('reception_guidance:' || $1))`, [row.receiving_unit]);
    const { rows } = await sql<GuidanceRow>(
      `WITH n AS (SELECT COALESCE(MAX(number), 0) + 1 AS number FROM reception_guidance
                   WHERE receiving_unit = $1 AND day = $2)
       INSERT INTO reception_guidance (id, code, receiving_unit, day, number, definition_key, procedure_name, applicant, items,
                                       contact, created_by, created_at)
       SELECT $3, $4 || ${dailyNumberSql('n.number')}, $1, $2, n.number, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11 FROM n
       RETURNING ${COLUMNS}`,
      [
        row.receiving_unit,
        row.day,
        row.id,
        row.codePrefix,
        row.definition_key,
        row.procedure_name,
        JSON.stringify(row.applicant),
        JSON.stringify(row.items),
        row.contact,
        row.created_by,
        row.created_at,
      ],
    );
    return rows[0]!;
  }

  /** A guidance of `unit` by id or code. */
  async find(unit: string, idOrCode: string, byId: boolean): Promise<GuidanceRow | undefined> {
    const { rows } = await this.db.query<GuidanceRow>(
      `SELECT ${COLUMNS} FROM reception_guidance WHERE receiving_unit = $1 AND ${byId ? 'id' : 'code'} = $2`,
      [unit, idOrCode],
    );
    return rows[0];
  }

  /** A page of `unit`'s guidances, newest first, before the cursor's, one more than `limit`. */
  async list(query: {
    unit: string;
    q?: string;
    limit: number;
    after?: { createdAt: string; id: string };
  }): Promise<GuidanceRow[]> {
    const q = likePattern(query.q);
    const filter = new SqlFilter().add('receiving_unit = ?', query.unit);
    if (q) filter.add(`(g.code ILIKE ? OR ${applicantNameLike('g')})`, q, q);
    if (query.after) {
      filter.add('(created_at, id) < (?::timestamptz, ?::uuid)', query.after.createdAt, query.after.id);
    }
    const { rows } = await this.db.query<GuidanceRow>(
      `SELECT ${COLUMNS} FROM reception_guidance g ${filter.where}
        ORDER BY created_at DESC, id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return rows;
  }
}
