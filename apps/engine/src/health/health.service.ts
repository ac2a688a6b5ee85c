import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { ProblemException } from '../common/problem/problem.exception';
import { type HealthDto } from './health.dto';
import { HealthRepository } from './health.repository';

const DATABASE_TIMEOUT_MS = 3000;

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthRepository,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  /** @throws ProblemException 503 when the database does not answer `SELECT 1` in time */
  async check(): Promise<HealthDto> {
    const answered = await Promise.race([
      this.health.ping().then(
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
