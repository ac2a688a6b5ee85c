import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { ProblemException } from '../common/problem/problem.exception';
import { type HealthDto } from './health.dto';

const DATABASE_TIMEOUT_MS = 3000;

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  /** @throws ProblemException 503 when the database does not answer `SELECT 1` in time */
  async check(): Promise<HealthDto> {
    const answered = await Promise.race([
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      sleep(DATABASE_TIMEOUT_MS, false, { ref: false }),
    ]);
    if (!answered) {
      throw ProblemException.of(
        503,
        'service-unavailable',
        'Service unavailable',
        'The database does not answer.',
        {
          extra: { database: 'down', version: this.config.version },
          headers: { 'Retry-After': '5' },
        },
      );
    }
    return { status: 'ok', database: 'up', version: this.config.version };
  }
}
