import { Injectable } from '@nestjs/common';
import { conflict, notFound, unprocessable } from '../common/problem/problem.exception';
import { Db, type Sql } from '../database/db.service';
import { Clock } from '../common/clock/clock';
import { vnDate } from '../common/clock/vietnam-date.util';
import { Revocations } from './revocations.service';
import { UnitDirectory } from './unit-directory.service';
import { type UnitRow, UnitsRepository } from './units.repository';
import { SessionsRepository } from './sessions.repository';
import type { CreateUnitBody, MergeResultDto, UnitDto, UpdateUnitBody } from './units.dto';

/** The organisation tree: units are added, renamed, retired and merged, never deleted. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly db: Db,
    private readonly units: UnitsRepository,
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
    private readonly directory: UnitDirectory,
    private readonly revocations: Revocations,
  ) {}

  async list(query: { includeRetired?: boolean; parentCode?: string }): Promise<UnitDto[]> {
    const today = vnDate(this.clock.now());
    const rows = await this.units.list(query.includeRetired ?? true, today, query.parentCode ?? null);
    return rows.map((r) => this.toDto(r, today));
  }

  async get(code: string): Promise<UnitDto> {
    return this.toDto(await this.find(this.db.query, code), vnDate(this.clock.now()));
  }

  async create(body: CreateUnitBody): Promise<UnitDto> {
    return this.db.transaction(async (sql) => {
      if (await this.units.exists(sql, body.code))
        throw conflict(`Unit ${body.code} already exists.`, { code: 'unit-exists' });
      if (body.parentCode) await this.find(sql, body.parentCode, 'parentCode');
      this.checkDates(body.validFrom ?? null, body.validTo ?? null);
      await this.units.insert(sql, {
        code: body.code,
        e_identifier: body.eIdentifier,
        name: body.name,
        level: body.level,
        parent_code: body.parentCode ?? null,
        valid_from: body.validFrom ?? null,
        valid_to: body.validTo ?? null,
      });
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
      await this.units.update(sql, code, next);
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
      await this.units.markMerged(sql, code, body.into, on);
      const movedTasks = await this.units.moveOpenSteps(sql, code, body.into);
      let movedUsers = 0;
      if (body.moveUsers ?? true) {
        const users = await this.units.moveUsers(sql, code, body.into);
        movedUsers = users.length;
        for (const id of users) {
          await this.sessions.revokeForMerger(sql, id);
          await this.revocations.publish(sql, 'user', id);
        }
      }
      return {
        unit: this.toDto(await this.find(sql, code), vnDate(this.clock.now())),
        movedTasks,
        movedUsers,
      };
    });
    await this.directory.reload();
    return result;
  }

  private async find(sql: Sql, code: string, path?: string, forUpdate = false): Promise<UnitRow> {
    const unit = await this.units.find(sql, code, forUpdate);
    if (unit === undefined) {
      if (path !== undefined)
        throw unprocessable(`Unknown unit ${code}.`, [{ path, message: 'unknown unit' }]);
      throw notFound('Unit', code);
    }
    return unit;
  }

  private async assertNoCycle(sql: Sql, code: string, parent: string): Promise<void> {
    const cycle = await this.units.isSelfOrBelow(sql, parent, code);
    if (cycle) {
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
