import { Injectable } from '@nestjs/common';
import { conflict, notFound, unprocessable } from '../common/problem/problem.exception';
import { Db, type Sql } from '../database/db.service';
import { Clock } from '../common/clock/clock';
import { vnDate } from '../common/clock/vietnam-date.util';
import { Revocations } from './revocations.service';
import { UnitDirectory } from './unit-directory.service';
import type { CreateUnitBody, MergeResultDto, UnitDto, UpdateUnitBody } from './units.dto';

interface UnitRow {
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

/** The organisation tree: units are added, renamed, retired and merged, never deleted. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly directory: UnitDirectory,
    private readonly revocations: Revocations,
  ) {}

  async list(query: { includeRetired?: boolean; parentCode?: string }): Promise<UnitDto[]> {
    const today = vnDate(this.clock.now());
    const { rows } = await this.db.query<UnitRow>(
      `SELECT ${COLUMNS} FROM units
        WHERE ($1::boolean OR (merged_into IS NULL AND (valid_to IS NULL OR valid_to >= $2::date)))
          AND ($3::text IS NULL OR parent_code = $3)
        ORDER BY parent_code NULLS FIRST, code`,
      [query.includeRetired ?? true, today, query.parentCode ?? null],
    );
    return rows.map((r) => this.toDto(r, today));
  }

  async get(code: string): Promise<UnitDto> {
    return this.toDto(await this.find(this.db.query, code), vnDate(this.clock.now()));
  }

  async create(body: CreateUnitBody): Promise<UnitDto> {
    return this.db.transaction(async (sql) => {
      const exists = await sql(`SELECT 1 FROM units WHERE code = $1`, [body.code]);
      if (exists.rows.length > 0)
        throw conflict(`Unit ${body.code} already exists.`, { code: 'unit-exists' });
      if (body.parentCode) await this.find(sql, body.parentCode, 'parentCode');
      this.checkDates(body.validFrom ?? null, body.validTo ?? null);
      await sql(
        `INSERT INTO units (code, e_identifier, name, level, parent_code, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          body.code,
          body.eIdentifier,
          body.name,
          body.level,
          body.parentCode ?? null,
          body.validFrom ?? null,
          body.validTo ?? null,
        ],
      );
      return this.toDto(await this.find(sql, body.code), vnDate(this.clock.now()));
    });
  }

  async update(code: string, body: UpdateUnitBody): Promise<UnitDto> {
    return this.db.transaction(async (sql) => {
      const unit = await this.find(sql, code, undefined, true);
      if (body.parentCode) {
        await this.find(sql, body.parentCode, 'parentCode');
        await this.assertNoCycle(sql, code, body.parentCode);
      }
      const next = {
        e_identifier: body.eIdentifier ?? unit.e_identifier,
        name: body.name ?? unit.name,
        level: body.level ?? unit.level,
        parent_code: body.parentCode === undefined ? unit.parent_code : body.parentCode,
        valid_from: body.validFrom === undefined ? unit.valid_from : body.validFrom,
        valid_to: body.validTo === undefined ? unit.valid_to : body.validTo,
      };
      this.checkDates(next.valid_from, next.valid_to);
      await sql(
        `UPDATE units SET e_identifier = $2, name = $3, level = $4, parent_code = $5, valid_from = $6, valid_to = $7,
                updated_at = now() WHERE code = $1`,
        [code, next.e_identifier, next.name, next.level, next.parent_code, next.valid_from, next.valid_to],
      );
      return this.toDto(await this.find(sql, code), vnDate(this.clock.now()));
    });
  }

  /**
   * Merges `code` into `into`: the unit is retired, its open steps move to the successor (finished steps
   * keep recording the unit that held them), steps that processes still address to it go to the
   * successor from now on, and its people move there (their sessions are revoked: their tokens name the
   * old unit).
   */
  async merge(
    code: string,
    body: { into: string; on?: string; moveUsers?: boolean },
  ): Promise<MergeResultDto> {
    if (body.into === code) {
      throw unprocessable('A unit cannot be merged into itself.', [
        { path: 'into', message: 'must be another unit' },
      ]);
    }
    const result = await this.db.transaction(async (sql) => {
      const unit = await this.find(sql, code, undefined, true);
      if (unit.merged_into !== null) {
        throw conflict(`Unit ${code} was already merged into ${unit.merged_into}.`, { code: 'unit-merged' });
      }
      const target = await this.find(sql, body.into, 'into', true);
      if (target.merged_into !== null) {
        throw unprocessable(`Unit ${body.into} was itself merged into ${target.merged_into}.`, [
          { path: 'into', message: 'merged unit' },
        ]);
      }
      const on = body.on ?? vnDate(this.clock.now());
      await sql(
        `UPDATE units SET merged_into = $2, valid_to = LEAST(COALESCE(valid_to, $3::date), $3::date), updated_at = now() WHERE code = $1`,
        [code, body.into, on],
      );
      await sql(`UPDATE units SET merged_into = $2, updated_at = now() WHERE merged_into = $1`, [
        code,
        body.into,
      ]);
      const moved = await sql<{ n: string }>(
        `WITH t AS (UPDATE tasks SET unit = $2, assignee = NULL, assigned_at = NULL WHERE unit = $1 AND status = 'active'
                    RETURNING dossier_id),
              d AS (UPDATE dossiers SET revision = revision + 1 WHERE id IN (SELECT DISTINCT dossier_id FROM t) RETURNING 1)
         SELECT (SELECT count(*) FROM t)::text AS n`,
        [code, body.into],
      );
      let movedUsers = 0;
      if (body.moveUsers ?? true) {
        const users = await sql<{ id: string }>(
          `UPDATE users SET unit_code = $2, updated_at = now() WHERE unit_code = $1 RETURNING id`,
          [code, body.into],
        );
        movedUsers = users.rows.length;
        for (const u of users.rows) {
          await sql(
            `UPDATE sessions SET revoked_at = now(), revoked_reason = 'unit_merged' WHERE user_id = $1 AND revoked_at IS NULL`,
            [u.id],
          );
          await this.revocations.publish(sql, 'user', u.id);
        }
      }
      return {
        unit: this.toDto(await this.find(sql, code), vnDate(this.clock.now())),
        movedTasks: Number(moved.rows[0]?.n ?? 0),
        movedUsers,
      };
    });
    await this.directory.reload();
    return result;
  }

  private async find(sql: Sql, code: string, path?: string, forUpdate = false): Promise<UnitRow> {
    const { rows } = await sql<UnitRow>(
      `SELECT ${COLUMNS} FROM units WHERE code = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [code],
    );
    if (rows[0] === undefined) {
      if (path !== undefined)
        throw unprocessable(`Unknown unit ${code}.`, [{ path, message: 'unknown unit' }]);
      throw notFound('Unit', code);
    }
    return rows[0];
  }

  private async assertNoCycle(sql: Sql, code: string, parent: string): Promise<void> {
    const { rows } = await sql<{ code: string }>(
      `WITH RECURSIVE up AS (SELECT code, parent_code, 1 AS depth FROM units WHERE code = $1
         UNION ALL SELECT u.code, u.parent_code, up.depth + 1 FROM units u JOIN up ON u.code = up.parent_code WHERE up.depth < 50)
       SELECT code FROM up WHERE code = $2`,
      [parent, code],
    );
    if (rows.length > 0) {
      throw unprocessable(`${parent} is ${code} or one of its sub-units: the tree would have a cycle.`, [
        { path: 'parentCode', message: 'cycle' },
      ]);
    }
  }

  private checkDates(from: string | null, to: string | null): void {
    if (from !== null && to !== null && to < from) {
      throw unprocessable('validTo is before validFrom.', [{ path: 'validTo', message: 'before validFrom' }]);
    }
  }

  private toDto(r: UnitRow, today: string): UnitDto {
    return {
      code: r.code,
      eIdentifier: r.e_identifier,
      name: r.name,
      level: r.level,
      parentCode: r.parent_code,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      mergedInto: r.merged_into,
      active:
        r.merged_into === null &&
        (r.valid_to === null || r.valid_to >= today) &&
        (r.valid_from === null || r.valid_from <= today),
    };
  }
}
