import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config';
import { Db } from '../database/db.service';
import { Clock } from '../common/clock/clock';
import { Periodic } from '../common/periodic.util';
import { DeadlineSweepRepository, SWEEP_BATCH } from './deadline-sweep.repository';

export interface SweepResult {
  tasksDueSoon: number;
  tasksOverdue: number;
  dossiersDueSoon: number;
  dossiersOverdue: number;
}

/**
 * Marks running steps and dossiers "due soon" and "overdue" as their instants pass, and records
 * each transition as a deadline event; an overdue dossier also records which steps (units) held
 * it at that moment. State lives in the database (due_at, due_soon_at, deadline_status), so the
 * sweep is idempotent and survives restarts; partial indexes keep it fast with millions of open
 * steps. Runs every DEADLINE_SWEEP_MS in one engine process at a time (advisory lock).
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineSweeper.name);
  private readonly periodic = new Periodic(this.logger, 'Deadline sweep', () => this.drain());

  constructor(
    private readonly db: Db,
    private readonly sweeps: DeadlineSweepRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.jobs.deadlineSweepMs;
    if (!this.config.jobs.enabled || every === 0) return;
    this.periodic.start(every);
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** Sweeps until no statement hits the batch limit (a backlog drains in consecutive short sweeps). */
  async drain(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const result = await this.sweep();
      if (
        !result ||
        Math.max(result.tasksDueSoon, result.tasksOverdue, result.dossiersDueSoon, result.dossiersOverdue) <
          SWEEP_BATCH
      )
        return;
    }
  }

  /** One sweep at `now` (the engine clock by default); returns how many rows changed status. */
  async sweep(now: Date = this.clock.now()): Promise<SweepResult | null> {
    return this.db.transaction(async (sql) => {
      if (!(await this.sweeps.tryLock(sql))) return null;
      const tasksOverdue = await this.sweeps.markTasksOverdue(sql, now);
      const tasksDueSoon = await this.sweeps.markTasksDueSoon(sql, now);
      const dossiersOverdue = await this.sweeps.markDossiersOverdue(sql, now);
      const dossiersDueSoon = await this.sweeps.markDossiersDueSoon(sql, now);
      return { tasksDueSoon, tasksOverdue, dossiersDueSoon, dossiersOverdue };
    });
  }
}
