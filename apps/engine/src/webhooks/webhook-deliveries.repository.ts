import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';
import type { WebhookPayload } from './webhook-events';

/** A delivery claimed for an attempt, with its subscription's URL, sealed secret and activity. */
export interface Claimed {
  id: string;
  subscription_id: string;
  event: string;
  payload: WebhookPayload;
  attempts: number;
  url: string;
  secret: string;
  active: boolean;
}

/**
 * The dispatcher's statements on webhook_deliveries: claiming due rows (SKIP LOCKED, a lease), each
 * attempt's outcome (guarded by the attempt count: a re-taken row is left alone), the log's purge.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly db: Db) {}

  /** Deletes up to `batch` delivered and failed deliveries older than `days`; answers how many. */
  async purge(days: number, batch: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM webhook_deliveries WHERE id IN (
           SELECT id FROM webhook_deliveries
            WHERE status <> 'pending' AND created_at < now() - make_interval(days => $1)
            ORDER BY id LIMIT $2)`,
      [days, batch],
    );
    return rowCount;
  }

  /**
   * Claims up to `limit` due deliveries, oldest due first, but of the `busy` subscriptions, each
   * subscription at most `maxInFlight` less its attempts already `flying` (`counts`), leased for `leaseMs`.
   */
  async claim(c: {
    limit: number;
    busy: string[];
    maxInFlight: number;
    leaseMs: number;
    flying: string[];
    counts: number[];
  }): Promise<Claimed[]> {
    const { rows } = await this.db.query<Claimed>(
      `WITH due AS MATERIALIZED (
              SELECT id, next_attempt_at FROM (
                SELECT id, subscription_id, next_attempt_at,
                       row_number() OVER (PARTITION BY subscription_id ORDER BY next_attempt_at, id) AS rank
                  FROM (SELECT id, subscription_id, next_attempt_at FROM webhook_deliveries
                         WHERE status = 'pending' AND next_attempt_at <= now() AND NOT (subscription_id = ANY($2::uuid[]))
                         ORDER BY next_attempt_at LIMIT 1000) candidates) ranked
               LEFT JOIN unnest($5::uuid[], $6::int[]) AS flying(subscription_id, n) USING (subscription_id)
               WHERE rank <= $3 - coalesce(flying.n, 0)
               ORDER BY next_attempt_at, id LIMIT $1),
            claimed AS MATERIALIZED (
              SELECT w.id FROM webhook_deliveries w JOIN due USING (id)
               WHERE w.status = 'pending' AND w.next_attempt_at <= now()
                 FOR UPDATE OF w SKIP LOCKED)
       UPDATE webhook_deliveries w SET next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
         FROM claimed c, webhook_subscriptions s
        WHERE w.id = c.id AND s.id = w.subscription_id
       RETURNING w.id, w.subscription_id, w.event, w.payload, w.attempts, s.url, s.secret, s.active`,
      [c.limit, c.busy, c.maxInFlight, c.leaseMs, c.flying, c.counts],
    );
    return rows;
  }

  /** The subscription was deactivated: the claimed delivery fails. */
  async failDeactivated(id: string, attempts: number): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = 'Subscription deactivated'
          WHERE id = $1 AND status = 'pending' AND attempts = $2`,
      [id, attempts],
    );
  }

  /** Gives a claimed delivery back, due now (shutting down). */
  async release(id: string, attempts: number): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = $1 AND status = 'pending' AND attempts = $2`,
      [id, attempts],
    );
  }

  async delivered(id: string, attempts: number, newAttempts: number, status: number): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET status = 'delivered', attempts = $3, last_status = $4, last_error = NULL,
                last_attempt_at = now(), delivered_at = now()
          WHERE id = $1 AND status = 'pending' AND attempts = $2`,
      [id, attempts, newAttempts, status],
    );
  }

  /** A failed attempt: pending again in `retryInMs`, or failed for good (`giveUp`). */
  async attemptFailed(
    id: string,
    attempts: number,
    a: { attempts: number; status: number | null; giveUp: boolean; error: string; retryInMs: number },
  ): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET status = $5, attempts = $3, last_status = $4, last_error = $6, last_attempt_at = now(),
              next_attempt_at = now() + make_interval(secs => $7::double precision / 1000)
        WHERE id = $1 AND status = 'pending' AND attempts = $2`,
      [id, attempts, a.attempts, a.status, a.giveUp ? 'failed' : 'pending', a.error, a.retryInMs],
    );
  }

  /** Milliseconds until the next pending delivery of a subscription not `busy` is due (null: none). */
  async msToNextDue(busy: string[]): Promise<number | null | undefined> {
    const { rows } = await this.db.query<{ ms: number | null }>(
      `SELECT (EXTRACT(EPOCH FROM (min(next_attempt_at) - now())) * 1000)::float8 AS ms FROM webhook_deliveries
        WHERE status = 'pending' AND NOT (subscription_id = ANY($1::uuid[]))`,
      [busy],
    );
    return rows[0]?.ms;
  }
}
