import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config';
import { Db } from '../database/db.service';
import { NotificationListener } from '../database/notification-listener.util';
import { SYSTEM_ACTOR } from '../identity/actor';
import { ProcessRuntime } from '../runtime/process-runtime.service';
import { JobsRepository } from './jobs.repository';

const MAX_ATTEMPTS = 5;
/** Most time between two attempts to reopen a lost LISTEN connection (the loop polls meanwhile). */
const LISTEN_MAX_RETRY_MS = 30_000;

/**
 * Fires due jobs (BPMN timers). Any number of engine processes may run this loop on one database:
 * each job is taken with `FOR UPDATE SKIP LOCKED` inside the transaction that applies it, so it
 * fires once, and a process killed mid-way leaves the job for another. Woken by LISTEN/NOTIFY when
 * a job is scheduled, and by polling as a fallback; a LISTEN connection that fails (the database
 * restarted) is reopened by itself.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorker.name);
  private readonly listener: NotificationListener;
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsRepository,
    private readonly runtime: ProcessRuntime,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    db: Db,
  ) {
    this.listener = new NotificationListener({
      channel: 'lt_jobs',
      connect: () => db.connect('lienthong-jobs-listener'),
      onNotification: () => this.wake?.(),
      // The loop polls by itself (nextWait, at most JOB_POLL_MS): nothing to catch up here.
      poll: () => Promise.resolve(),
      pollMs: config.jobs.pollMs,
      retryMs: config.jobs.pollMs,
      maxRetryMs: LISTEN_MAX_RETRY_MS,
      logger: this.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobs.enabled) return;
    await this.listener.start();
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.listener.stop();
  }

  /** Fires every job that is due now; returns how many fired. Also used by tests. */
  async runDueJobs(limit = 1000): Promise<number> {
    let fired = 0;
    while (fired < limit && !this.stopped) {
      const outcome = await this.fireOne();
      if (outcome === 'none') break;
      if (outcome === 'fired') fired++;
    }
    return fired;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.runDueJobs();
        await this.sleep(await this.nextWait());
      } catch (error) {
        this.logger.error(`Job loop: ${error instanceof Error ? error.message : String(error)}`);
        await this.sleep(this.config.jobs.pollMs);
      }
    }
  }

  private async fireOne(): Promise<'fired' | 'failed' | 'none'> {
    let job: { id: string; dossier_id: string; attempts: number } | undefined;
    try {
      const result = await this.runtime.transaction(SYSTEM_ACTOR, async (tx) => {
        job = await this.jobs.takeDue(tx.sql, tx.now);
        if (!job) return 'none' as const;
        await this.jobs.remove(tx.sql, job.id);
        // Lock the dossier too, so that a concurrent command waits instead of losing the race.
        const dossier = await this.runtime.loadDossier(tx.sql, job.dossier_id, true);
        if (dossier.status === 'active')
          await this.runtime.applyIn(tx, dossier, { type: 'fireJob', jobId: job.id });
        return 'fired' as const;
      });
      return result;
    } catch (error) {
      if (!job) throw error;
      await this.recordFailure(job, error);
      return 'failed';
    }
  }

  private async recordFailure(job: { id: string; attempts: number }, error: unknown): Promise<void> {
    const attempts = job.attempts + 1;
    const message = error instanceof Error ? error.message : String(error);
    const giveUp = attempts >= MAX_ATTEMPTS;
    // Retry with backoff (1 s, 4 s, 16 s, …); after the last attempt it stays as an incident.
    const dossier = await this.jobs.recordFailure(job.id, attempts, message, 4 ** (attempts - 1), giveUp);
    // A JSON field, like the request log's: an operator finds every line of one dossier by its code.
    this.logger.warn({
      msg: `Job ${job.id} failed (attempt ${attempts}${giveUp ? ', giving up' : ''}): ${message}`,
      dossier,
    });
  }

  private async nextWait(): Promise<number> {
    const ms = await this.jobs.msToNextDue();
    if (ms === null || ms === undefined) return this.config.jobs.pollMs;
    return Math.max(0, Math.min(Number(ms), this.config.jobs.pollMs));
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
