import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';

/** A unit as the seed inserts it (the columns of units). */
export interface SeedUnitRow {
  code: string;
  e_identifier: string | null;
  name: string;
  level: string;
  parent_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

/** The seed's statements: the demo units, and whether a procedure was deployed already. */
@Injectable()
export class SeedRepository {
  constructor(private readonly db: Db) {}

  /** Inserts the units that are missing (an existing code is left as it is). */
  async insertUnits(units: SeedUnitRow[]): Promise<void> {
    await this.db.query(
      `INSERT INTO units (code, e_identifier, name, level, parent_code, valid_from, valid_to)
       SELECT u.code, u.e_identifier, u.name, u.level, u.parent_code, u.valid_from, u.valid_to
         FROM jsonb_to_recordset($1::jsonb) AS u(code text, e_identifier text, name text, level text, parent_code text,
              valid_from date, valid_to date)
       ON CONFLICT (code) DO NOTHING`,
      [JSON.stringify(units)],
    );
  }

  /** Whether a version of the procedure `key` exists. */
  async hasDefinition(key: string): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM definitions WHERE key = $1 LIMIT 1`, [key]);
    return rows.length > 0;
  }
}
