import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { ProblemException } from '../common/problem/problem.exception';
import { migrations } from '../database/migrations';
import { ReadDb } from '../database/read-db.service';
import { type HealthDto, type LivenessDto, type ReadinessDto, type StandbyDto } from './health.dto';
import { HealthRepository } from './health.repository';

const DATABASE_TIMEOUT_MS = 3000;

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthRepository,
    private readonly read: ReadDb,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  /** @throws ProblemException 503 when the database does not answer `SELECT 1` in time */
  async check(): Promise<HealthDto> {
    await this.ask(() => this.health.ping());
    return { status: 'ok', database: 'up', version: this.config.version };
  }

  live(): LivenessDto {
    return { status: 'ok', version: this.config.version };
  }

  /** @throws ProblemException 503 when the database does not answer, or misses a migration of this version */
  async ready(): Promise<ReadinessDto> {
    const done = new Set(await this.ask(() => this.health.migrationsRun()));
    const missing = migrations.map((m) => m.name).filter((name) => !done.has(name));
    if (missing.length > 0) {
      throw unavailable(`Migrations not run yet: ${missing.join(', ')}.`, {
        database: 'up',
        version: this.config.version,
      });
    }
    const ready: ReadinessDto = {
      status: 'ready',
      database: 'up',
      migrations: done.size,
      version: this.config.version,
    };
    const standby = await this.standby();
    return standby === undefined ? ready : { ...ready, standby };
  }

  /** The read standby's state, undefined without one. */
  private async standby(): Promise<StandbyDto | undefined> {
    const lag = await Promise.race([
      this.read.standbyLagSeconds().then(
        (seconds) => ({ seconds }),
        () => null,
      ),
      sleep(DATABASE_TIMEOUT_MS, null, { ref: false }),
    ]);
    if (lag === null) return { state: 'down', lagSeconds: null };
    return lag.seconds === undefined ? undefined : { state: 'up', lagSeconds: lag.seconds };
  }

  /** A query's answer, or a 503 when the database does not answer it in time. */
  private async ask<T>(query: () => Promise<T>): Promise<T> {
    const answer = await Promise.race([
      query().then(
        (rows: T) => ({ rows }),
        () => undefined,
      ),
      sleep(DATABASE_TIMEOUT_MS, undefined, { ref: false }),
    ]);
    if (answer === undefined) {
      throw unavailable('The database does not answer.', { database: 'down', version: this.config.version });
    }
    return answer.rows;
  }
}

function unavailable(detail: string, extra: Record<string, unknown>): ProblemException {
  return ProblemException.of(503, 'service-unavailable', 'Service unavailable', detail, {
    extra,
    headers: { 'Retry-After': '5' },
  });
}
