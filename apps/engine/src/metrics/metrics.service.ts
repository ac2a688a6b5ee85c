import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AggregatorRegistry, collectDefaultMetrics, Gauge } from 'prom-client';
import { metricsRegistry } from '../common/metrics/engine-metrics';
import { Db } from '../database/db.service';
import { ReadDb } from '../database/read-db.service';
import { MetricsRepository } from './metrics.repository';

/** IPC message types between an engine worker and its primary (cluster.ts answers them). */
export const METRICS_REQUEST = 'lt:metrics-request';
export const METRICS_RESPONSE = 'lt:metrics-response';
const CLUSTER_TIMEOUT_MS = 5000;

let defaultsCollected = false;

/**
 * Prometheus metrics (`GET /metrics`): the request and command metrics code paths keep
 * (common/metrics/engine-metrics.ts), Node's process metrics, and gauges read from the database at each
 * scrape: jobs waiting and the lag of the oldest due one, external tasks waiting per topic, webhook
 * deliveries pending and failed, steps overdue per unit; and this process's database pool. With several
 * engine processes a worker asks its primary, which sums every worker's metrics (the database gauges are
 * the same in each: the first is taken).
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  private readonly logger = new Logger(MetricsService.name);
  private readonly gauges: Gauge[] = [];

  constructor(
    private readonly repository: MetricsRepository,
    private readonly db: Db,
    private readonly read: ReadDb,
  ) {
    if (!defaultsCollected) {
      collectDefaultMetrics({ register: metricsRegistry, prefix: 'lt_' });
      // In an engine worker, an aggregator registry makes prom-client answer the primary's requests.
      if (cluster.isWorker) new AggregatorRegistry();
      defaultsCollected = true;
    }
    const gauge = (
      name: string,
      help: string,
      labelNames: string[],
      aggregator: 'first' | 'sum',
      collect: (g: Gauge) => Promise<void> | void,
    ) => {
      metricsRegistry.removeSingleMetric(name);
      const g: Gauge = new Gauge({
        name,
        help,
        labelNames,
        aggregator,
        registers: [metricsRegistry],
        collect: () => collect(g),
      });
      this.gauges.push(g);
    };
    const fromDatabase = async (g: Gauge, read: () => Promise<void>) => {
      g.reset();
      try {
        await read();
      } catch (error) {
        this.logger.warn(`Metrics: the database did not answer (${String(error)})`);
      }
    };
    gauge('lt_jobs_waiting', 'Jobs (timers) not failed, and those due now', ['state'], 'first', (g) =>
      fromDatabase(g, async () => {
        const jobs = await this.repository.jobs();
        g.set({ state: 'scheduled' }, jobs.waiting);
        g.set({ state: 'due' }, jobs.due);
      }),
    );
    gauge('lt_jobs_lag_seconds', 'How late the oldest due job is', [], 'first', (g) =>
      fromDatabase(g, async () => g.set((await this.repository.jobs()).lagSeconds)),
    );
    gauge(
      'lt_external_tasks_waiting',
      'External tasks an agency system may fetch now, by topic',
      ['topic'],
      'first',
      (g) =>
        fromDatabase(g, async () => {
          for (const { topic, n } of await this.repository.externalTasksWaiting()) g.set({ topic }, n);
        }),
    );
    gauge('lt_webhook_deliveries', 'Webhook deliveries pending and failed', ['status'], 'first', (g) =>
      fromDatabase(g, async () => {
        g.set({ status: 'pending' }, 0);
        g.set({ status: 'failed' }, 0);
        for (const { status, n } of await this.repository.webhookDeliveries()) g.set({ status }, n);
      }),
    );
    gauge('lt_steps_overdue', 'Open steps past their due instant, by unit', ['unit'], 'first', (g) =>
      fromDatabase(g, async () => {
        for (const { unit, n } of await this.repository.overdueSteps()) g.set({ unit }, n);
      }),
    );
    if (this.read.hasStandby) {
      gauge(
        'lt_db_standby_lag_seconds',
        'How far the read standby (DATABASE_READ_URL) replays behind the primary; absent while it is down',
        [],
        'first',
        (g) =>
          fromDatabase(g, async () => {
            const lag = await this.read.standbyLagSeconds();
            if (lag !== undefined) g.set(lag);
          }),
      );
    }
    gauge('lt_db_pool_connections', "Connections of the engine's database pool", ['state'], 'sum', (g) => {
      const pool = this.db.poolStats();
      g.set({ state: 'open' }, pool.total);
      g.set({ state: 'idle' }, pool.idle);
      g.set({ state: 'waiting_requests' }, pool.waiting);
    });
  }

  get contentType(): string {
    return metricsRegistry.contentType;
  }

  /** The exposition text: this process's, or with several engine processes every one's, from the primary. */
  async text(): Promise<string> {
    if (!cluster.isWorker || process.send === undefined) return metricsRegistry.metrics();
    return this.fromPrimary();
  }

  private fromPrimary(): Promise<string> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        process.off('message', onMessage);
        reject(new Error('The primary did not answer the metrics request.'));
      }, CLUSTER_TIMEOUT_MS);
      const onMessage = (message: unknown) => {
        const m = message as { type?: string; id?: string; text?: string; error?: string };
        if (m?.type !== METRICS_RESPONSE || m.id !== id) return;
        clearTimeout(timer);
        process.off('message', onMessage);
        if (m.error !== undefined) reject(new Error(m.error));
        else resolve(m.text ?? '');
      };
      process.on('message', onMessage);
      process.send!({ type: METRICS_REQUEST, id });
    });
  }

  onModuleDestroy(): void {
    for (const g of this.gauges) metricsRegistry.removeSingleMetric((g as unknown as { name: string }).name);
  }
}
