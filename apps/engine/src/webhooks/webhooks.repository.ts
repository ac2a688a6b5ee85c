import { Injectable } from '@nestjs/common';
import { SqlFilter } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { WEBHOOK_CHANNEL, type WebhookPayload } from './webhook-events';
import type { WebhookDeliveryDto, WebhookDto } from './webhooks.dto';

export interface SubscriptionRow {
  id: string;
  unit_code: string;
  url: string;
  events: WebhookDto['events'];
  active: boolean;
  created_by: string;
  created_at: Date;
  deactivated_at: Date | null;
}

export interface DeliveryRow {
  id: string;
  event: WebhookDeliveryDto['event'];
  status: WebhookDeliveryDto['status'];
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: Date;
  last_attempt_at: Date | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  payload: WebhookPayload;
}

const COLUMNS = `id, unit_code, url, events, active, created_by, created_at, deactivated_at`;
const DELIVERY_COLUMNS = `id, event, status, attempts, last_status, last_error, created_at, last_attempt_at, next_attempt_at,
  delivered_at, payload`;

export interface NewSubscription {
  id: string;
  unitCode: string;
  url: string;
  /** Sealed (SecretBox). */
  secret: string;
  events: WebhookDto['events'];
  createdBy: string;
  createdAt: Date;
}

/**
 * Statements on webhook subscriptions and their delivery log (the outbox rows themselves are CTEs of
 * the engine's statements: webhook-outbox.sql.ts). Those that take `sql` run in the caller's transaction.
 */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: Db) {}

  /** Subscriptions whose signing secret is stored in clear. */
  async plainSecrets(): Promise<Array<{ id: string; secret: string }>> {
    const { rows } = await this.db.query<{ id: string; secret: string }>(
      `SELECT id, secret FROM webhook_subscriptions WHERE secret NOT LIKE 'enc:%'`,
    );
    return rows;
  }

  /** Replaces the clear secret by the sealed one while the row still holds the clear text; answers 1 or 0. */
  async sealSecret(id: string, plain: string, sealed: string): Promise<number> {
    const { rowCount } = await this.db.query(
      `UPDATE webhook_subscriptions SET secret = $3 WHERE id = $1 AND secret = $2`,
      [id, plain, sealed],
    );
    return rowCount;
  }

  /** Serializes concurrent subscriptions of one unit (until the transaction ends). */
  async lockUnit(sql: Sql, unitCode: string): Promise<void> {
    await sql(`SELECT pg_advisory_xact_lock(hashtext('lt_webhooks:' || $1))`, [unitCode]);
  }

  async countActive(sql: Sql, unitCode: string): Promise<number> {
    const { rows: count } = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_subscriptions WHERE unit_code = $1 AND active`,
      [unitCode],
    );
    return count[0]?.n ?? 0;
  }

  async insert(sql: Sql, s: NewSubscription): Promise<SubscriptionRow> {
    const { rows } = await sql<SubscriptionRow>(
      `INSERT INTO webhook_subscriptions (id, unit_code, url, secret, events, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [s.id, s.unitCode, s.url, s.secret, s.events, s.createdBy, s.createdAt],
    );
    return rows[0]!;
  }

  /** A page, newest first, of one unit's subscriptions (or every unit's), one more than `limit`. */
  async list(query: {
    unit: string | undefined;
    after: { createdAt: string; id: string } | undefined;
    limit: number;
  }): Promise<SubscriptionRow[]> {
    const filter = new SqlFilter().addIf(query.unit, 'unit_code = ?');
    const after = query.after;
    if (after) filter.add('(created_at, id) < (?::timestamptz, ?::uuid)', after.createdAt, after.id);
    const { rows } = await this.db.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions ${filter.where}
        ORDER BY created_at DESC, id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return rows;
  }

  async find(sql: Sql, id: string, forUpdate = false): Promise<SubscriptionRow | undefined> {
    const { rows } = await sql<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  /** Deactivates the subscription and fails its pending deliveries. */
  async deactivate(sql: Sql, id: string): Promise<SubscriptionRow> {
    const { rows } = await sql<SubscriptionRow>(
      `UPDATE webhook_subscriptions SET active = false, deactivated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    await sql(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = 'Subscription deactivated'
          WHERE subscription_id = $1 AND status = 'pending'`,
      [id],
    );
    return rows[0]!;
  }

  /** A page of the subscription's delivery log, newest first, one more than `limit`. */
  async deliveries(query: {
    subscriptionId: string;
    status: string | undefined;
    afterId: string | undefined;
    limit: number;
  }): Promise<DeliveryRow[]> {
    const filter = new SqlFilter()
      .add('subscription_id = ?', query.subscriptionId)
      .addIf(query.status, 'status = ?');
    if (query.afterId !== undefined) filter.add('id < ?::bigint', query.afterId);
    const { rows } = await this.db.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries ${filter.where} ORDER BY id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return rows;
  }

  async lockDelivery(sql: Sql, id: string, subscriptionId: string): Promise<DeliveryRow | undefined> {
    const { rows } = await sql<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1 AND subscription_id = $2 FOR UPDATE`,
      [id, subscriptionId],
    );
    return rows[0];
  }

  /** Makes a failed delivery pending now and wakes the dispatchers. */
  async retryDelivery(sql: Sql, id: string): Promise<DeliveryRow> {
    const updated = await sql<DeliveryRow>(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now() WHERE id = $1
          RETURNING ${DELIVERY_COLUMNS}, pg_notify('${WEBHOOK_CHANNEL}', '') AS woke`,
      [id],
    );
    return updated.rows[0]!;
  }
}
