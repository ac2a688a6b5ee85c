import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';

/** Statements on units (the organisation tree). */
@Injectable()
export class UnitsRepository {
  constructor(private readonly db: Db) {}

  /** The unit's name, or null for an unknown code. */
  async nameOf(code: string): Promise<string | null> {
    const { rows } = await this.db.query<{ name: string }>(`SELECT name FROM units WHERE code = $1`, [code]);
    return rows[0]?.name ?? null;
  }
}
