import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';

/** What /metrics reads from the database at each scrape (small aggregate queries on indexed columns). */
@Injectable()
export class MetricsRepository {
  constructor(private readonly db: Db) {}

  /** Timers and other jobs not failed: how many, how many are due, and how late the oldest due one is (s). */
  async jobs(): Promise<{ waiting: number; due: number; lagSeconds: number }> {
    const { rows } = await this.db.query<{ waiting: number; due: number; lag: number | null }>(
      `SELECT count(*)::int AS waiting, count(*) FILTER (WHERE due_at <= clock_timestamp())::int AS due,
              EXTRACT(EPOCH FROM clock_timestamp() - min(due_at) FILTER (WHERE due_at <= clock_timestamp()))::float8 AS lag
         FROM jobs WHERE failed_at IS NULL`,
    );
    const row = rows[0];
    return { waiting: row?.waiting ?? 0, due: row?.due ?? 0, lagSeconds: row?.lag ?? 0 };
  }

  /** External tasks an agency system may fetch now (active, not locked), by topic. */
  async externalTasksWaiting(): Promise<Array<{ topic: string; n: number }>> {
    const { rows } = await this.db.query<{ topic: string; n: number }>(
      `SELECT topic, count(*)::int AS n FROM tasks
        WHERE kind = 'external' AND status = 'active' AND topic IS NOT NULL
          AND (lock_expires_at IS NULL OR lock_expires_at <= clock_timestamp())
        GROUP BY topic`,
    );
    return rows;
  }

  /** Webhook deliveries still to send and those given up, by status. */
  async webhookDeliveries(): Promise<Array<{ status: string; n: number }>> {
    const { rows } = await this.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM webhook_deliveries WHERE status IN ('pending', 'failed') GROUP BY status`,
    );
    return rows;
  }

  /** Open steps past their due instant, by unit. */
  async overdueSteps(): Promise<Array<{ unit: string; n: number }>> {
    const { rows } = await this.db.query<{ unit: string; n: number }>(
      `SELECT COALESCE(unit, '') AS unit, count(*)::int AS n FROM tasks
        WHERE status = 'active' AND deadline_status = 'overdue' GROUP BY unit`,
    );
    return rows;
  }
}
