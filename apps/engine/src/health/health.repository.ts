import { Injectable } from '@nestjs/common';
import { MIGRATIONS_TABLE } from '../database/data-source';
import { Db } from '../database/db.service';

/** The health checks' statements. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: Db) {}

  /** Resolves when the database answers `SELECT 1`. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  /** The names of the migrations run. */
  async migrationsRun(): Promise<string[]> {
    const { rows } = await this.db.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE}`);
    return rows.map((r) => r.name);
  }
}
