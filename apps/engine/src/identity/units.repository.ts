import { Injectable } from '@nestjs/common';
import { Db, type Sql } from '../database/db.service';
import type { UnitDto } from './units.dto';

export interface UnitRow {
  code: string;
  e_identifier: string;
  name: string;
  level: UnitDto['level'];
  parent_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  merged_into: string | null;
}

const COLUMNS = `code, e_identifier, name, level, parent_code, to_char(valid_from, 'YYYY-MM-DD') AS valid_from,
  to_char(valid_to, 'YYYY-MM-DD') AS valid_to, merged_into`;

/** Statements on units (the organisation tree), and a merger's moves of steps and people. */
@Injectable()
export class UnitsRepository {
  constructor(private readonly db: Db) {}

  /** The unit's name, or null for an unknown code. */
  async nameOf(code: string): Promise<string | null> {
    const { rows } = await this.db.query<{ name: string }>(`SELECT name FROM units WHERE code = $1`, [code]);
    return rows[0]?.name ?? null;
  }

  /** The units (all, or those in force on `today`), of one parent or all, parents first. */
  async list(includeRetired: boolean, today: string, parentCode: string | null): Promise<UnitRow[]> {
    const { rows } = await this.db.query<UnitRow>(
      `SELECT ${COLUMNS} FROM units
        WHERE ($1::boolean OR (merged_into IS NULL AND (valid_to IS NULL OR valid_to >= $2::date)))
          AND ($3::text IS NULL OR parent_code = $3)
        ORDER BY parent_code NULLS FIRST, code`,
      [includeRetired, today, parentCode],
    );
    return rows;
  }

  async find(sql: Sql, code: string, forUpdate = false): Promise<UnitRow | undefined> {
    const { rows } = await sql<UnitRow>(
      `SELECT ${COLUMNS} FROM units WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [code],
    );
    return rows[0];
  }

  async exists(sql: Sql, code: string): Promise<boolean> {
    const exists = await sql(`SELECT 1 FROM units WHERE code = $1`, [code]);
    return exists.rows.length > 0;
  }

  async insert(sql: Sql, u: Omit<UnitRow, 'merged_into'>): Promise<void> {
    await sql(
      `INSERT INTO units (code, e_identifier, name, level, parent_code, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [u.code, u.e_identifier, u.name, u.level, u.parent_code, u.valid_from, u.valid_to],
    );
  }

  async update(sql: Sql, code: string, u: Omit<UnitRow, 'code' | 'merged_into'>): Promise<void> {
    await sql(
      `UPDATE units SET e_identifier = $2, name = $3, level = $4, parent_code = $5, valid_from = $6, valid_to = $7,
                updated_at = now() WHERE code = $1`,
      [code, u.e_identifier, u.name, u.level, u.parent_code, u.valid_from, u.valid_to],
    );
  }

  /** Whether `code` is `unit` or one of its sub-units (50 levels at most). */
  async isSelfOrBelow(sql: Sql, unit: string, code: string): Promise<boolean> {
    const { rows } = await sql<{ code: string }>(
      `WITH RECURSIVE up AS (SELECT code, parent_code, 1 AS depth FROM units WHERE code = $1
         UNION ALL SELECT u.code, u.parent_code, up.depth + 1 FROM units u JOIN up ON u.code = up.parent_code WHERE up.depth < 50)
       SELECT code FROM up WHERE code = $2`,
      [unit, code],
    );
    return rows.length > 0;
  }

  /** `code` is merged into `into` on `on` (retired that day), and so are the units merged into it. */
  async markMerged(sql: Sql, code: string, into: string, on: string): Promise<void> {
    await sql(
      `UPDATE units SET merged_into = $2, valid_to = LEAST(COALESCE(valid_to, $3::date), $3::date), updated_at = now() WHERE code = $1`,
      [code, into, on],
    );
    await sql(`UPDATE units SET merged_into = $2, updated_at = now() WHERE merged_into = $1`, [code, into]);
  }

  /** The open steps of `code` go to `into` (unassigned), their dossiers' revisions bumped; answers how many. */
  async moveOpenSteps(sql: Sql, code: string, into: string): Promise<number> {
    const moved = await sql<{ n: string }>(
      `WITH t AS (UPDATE tasks SET unit = $2, assignee = NULL, assigned_at = NULL WHERE unit = $1 AND status = 'active'
                    RETURNING dossier_id),
              d AS (UPDATE dossiers SET revision = revision + 1 WHERE id IN (SELECT DISTINCT dossier_id FROM t) RETURNING 1)
         SELECT (SELECT count(*) FROM t)::text AS n`,
      [code, into],
    );
    return Number(moved.rows[0]?.n ?? 0);
  }

  /** The people of `code` move to `into`; answers their ids. */
  async moveUsers(sql: Sql, code: string, into: string): Promise<string[]> {
    const users = await sql<{ id: string }>(
      `UPDATE users SET unit_code = $2, updated_at = now() WHERE unit_code = $1 RETURNING id`,
      [code, into],
    );
    return users.rows.map((r) => r.id);
  }
}

/** The unit `code` and what it was merged into (null: it still stands); `forShare` keeps it from a merger until the transaction ends. */
export async function unitStanding(
  sql: Sql,
  code: string,
  forShare = false,
): Promise<{ merged_into: string | null } | undefined> {
  const { rows } = await sql<{ merged_into: string | null }>(
    `SELECT merged_into FROM units WHERE code = $1${forShare ? ' FOR SHARE' : ''}`,
    [code],
  );
  return rows[0];
}

/** The units merged into another, each with its successor. */
export async function mergedUnits(sql: Sql): Promise<Array<{ code: string; merged_into: string }>> {
  const { rows } = await sql<{ code: string; merged_into: string }>(
    `SELECT code, merged_into FROM units WHERE merged_into IS NOT NULL`,
  );
  return rows;
}
