import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock } from '../common/clock/clock';
import { Periodic } from '../common/periodic.util';
import { vnDate } from '../common/clock/vietnam-date.util';
import { ReportsRepository } from './reports.repository';

/**
 * How long after a Vietnam day's end its steps are rolled up: a step is dated by its command's clock
 * reading and committed at the command's end (seconds later, never near an hour), so none of a rolled
 * day can still arrive.
 */
export const ROLLUP_MARGIN_MS = 60 * 60_000;
const EVERY_MS = 15 * 60_000;

/**
 * Rolls the finished steps up into report_step_days (ADR 0010), off the commands' path: the whole
 * Vietnam days ended more than ROLLUP_MARGIN_MS ago, at startup and every 15 minutes, in the
 * processes that run jobs (one at a time: the watermark's row lock; the others find nothing left).
 * Not in test mode: tests move the engine's clock backwards, and a step dated before the watermark
 * would be counted by no reader; they roll up explicitly (`rollUp(at)`).
 */
@Injectable()
export class ReportStepsRollup implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportStepsRollup.name);
  private readonly periodic = new Periodic(this.logger, 'Rolling up the step days', async () => {
    const rows = await this.rollUp();
    if (rows > 0) this.logger.log(`Rolled up ${rows} step-day rows`);
  });

  constructor(
    private readonly reports: ReportsRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.jobs.enabled || this.config.mode === 'test') return;
    this.periodic.start(EVERY_MS, { now: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** Rolls up every day ended ROLLUP_MARGIN_MS before `at` (the engine's clock); the rows added. */
  rollUp(at: Date = this.clock.now()): Promise<number> {
    return this.reports.rollUpSteps(vnDate(new Date(at.getTime() - ROLLUP_MARGIN_MS)));
  }
}
