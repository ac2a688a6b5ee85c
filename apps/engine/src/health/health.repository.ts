import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';

/** The health check's statement. */
@Injectable()
export class HealthRepository {
  constructor(private readonly db: Db) {}

  /** Resolves when the database answers `SELECT 1`. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
