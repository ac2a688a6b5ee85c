import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SecretBox } from '../common/crypto/secret-box';
import type { PageDto } from '@lienthong/contracts';
import { decodeCursor, toPage } from '../common/pagination';
import { conflict, notFound, unprocessable } from '../common/problem/problem.exception';
import { iso, SqlFilter } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { forbidden } from '../identity/auth.problems';
import { hasRole, type Principal } from '../identity/principal';
import { WEBHOOK_CHANNEL, type WebhookPayload } from './webhook-events';
import { isUuid } from '../common/uuid.util';
import type {
  CreatedWebhookDto,
  CreateWebhookBody,
  WebhookDeliveryDto,
  WebhookDeliveryListQuery,
  WebhookDto,
  WebhookListQuery,
} from './webhooks.dto';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { privateDestination } from './destination.util';
import { assertAssignableUnit } from '../identity/assignable-unit';
import { Clock } from '../common/clock/clock';

/** Active subscriptions per unit: each one joins every command's outbox insert for that unit. */
export const MAX_ACTIVE_SUBSCRIPTIONS_PER_UNIT = 20;

interface SubscriptionRow {
  id: string;
  unit_code: string;
  url: string;
  events: WebhookDto['events'];
  active: boolean;
  created_by: string;
  created_at: Date;
  deactivated_at: Date | null;
}

interface DeliveryRow {
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

/**
 * Subscriptions of agency systems to events, and their delivery log. An admin manages every unit's; an
 * API key (an agency system) its own unit's; nobody else any (403). Another unit's subscription is not
 * found (404), so that its existence does not leak.
 */
@Injectable()
export class WebhooksService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhooksService.name);

  constructor(
    private readonly db: Db,
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const sealed = await this.sealPlainSecrets();
    if (sealed > 0) this.logger.log(`Sealed the signing secrets of ${sealed} webhook subscription(s)`);
  }

  /**
   * Seals secrets stored in clear (subscriptions made before secrets were sealed); returns how many.
   * Idempotent, and safe with several processes (a row is only replaced while it still holds the clear text).
   */
  async sealPlainSecrets(): Promise<number> {
    const { rows } = await this.db.query<{ id: string; secret: string }>(
      `SELECT id, secret FROM webhook_subscriptions WHERE secret NOT LIKE 'enc:%'`,
    );
    let sealed = 0;
    for (const row of rows) {
      const { rowCount } = await this.db.query(
        `UPDATE webhook_subscriptions SET secret = $3 WHERE id = $1 AND secret = $2`,
        [row.id, row.secret, this.box.seal(row.secret)],
      );
      sealed += rowCount;
    }
    return sealed;
  }

  async create(body: CreateWebhookBody, principal: Principal): Promise<CreatedWebhookDto> {
    const unitCode = this.unitToSubscribe(body.unitCode, principal);
    if (!this.config.webhooks.allowPrivateNetworks) {
      const refused = await privateDestination(body.url);
      if (refused !== null) {
        throw unprocessable(
          `The engine does not call this URL: ${refused}.`,
          [{ path: 'url', message: refused }],
          {
            code: 'webhook-url-refused',
          },
        );
      }
    }
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return this.db.transaction(async (sql) => {
      await assertAssignableUnit(sql, unitCode, true);
      // Serializes concurrent subscriptions of one unit, so that the limit holds.
      await sql(`SELECT pg_advisory_xact_lock(hashtext('lt_webhooks:' || $1))`, [unitCode]);
      const { rows: count } = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM webhook_subscriptions WHERE unit_code = $1 AND active`,
        [unitCode],
      );
      if ((count[0]?.n ?? 0) >= MAX_ACTIVE_SUBSCRIPTIONS_PER_UNIT) {
        throw conflict(
          `${unitCode} already has ${MAX_ACTIVE_SUBSCRIPTIONS_PER_UNIT} active subscriptions: deactivate one first.`,
          { code: 'too-many-subscriptions' },
        );
      }
      const { rows } = await sql<SubscriptionRow>(
        `INSERT INTO webhook_subscriptions (id, unit_code, url, secret, events, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [
          randomUUID(),
          unitCode,
          body.url,
          this.box.seal(secret),
          body.events,
          principal.name,
          this.clock.machineNow(),
        ],
      );
      return { ...toDto(rows[0]!), secret };
    });
  }

  async list(query: WebhookListQuery, principal: Principal): Promise<PageDto<WebhookDto>> {
    const filter = new SqlFilter();
    if (hasRole(principal, 'admin')) filter.addIf(query.unit, 'unit_code = ?');
    else if (principal.kind === 'api_key') filter.add('unit_code = ?', principal.unit);
    else throw notAllowed();
    if (query.cursor) {
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id']);
      filter.add('(created_at, id) < (?::timestamptz, ?::uuid)', after.createdAt, after.id);
    }
    const { rows } = await this.db.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions ${filter.where}
        ORDER BY created_at DESC, id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return toPage(rows.map(toDto), query.limit, (w) => ({ createdAt: w.createdAt, id: w.id }));
  }

  /** No more deliveries are made: new events are not recorded, pending ones are marked failed. */
  async deactivate(id: string, principal: Principal): Promise<WebhookDto> {
    return this.db.transaction(async (sql) => {
      const current = await this.load(sql, id, principal, true);
      if (!current.active)
        throw conflict('The subscription is already inactive.', { code: 'webhook-inactive' });
      const { rows } = await sql<SubscriptionRow>(
        `UPDATE webhook_subscriptions SET active = false, deactivated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id],
      );
      await sql(
        `UPDATE webhook_deliveries SET status = 'failed', last_error = 'Subscription deactivated'
          WHERE subscription_id = $1 AND status = 'pending'`,
        [id],
      );
      return toDto(rows[0]!);
    });
  }

  /** The delivery log of a subscription, newest first. */
  async deliveries(
    id: string,
    query: WebhookDeliveryListQuery,
    principal: Principal,
  ): Promise<PageDto<WebhookDeliveryDto>> {
    await this.load(this.db.query, id, principal);
    const filter = new SqlFilter().add('subscription_id = ?', id).addIf(query.status, 'status = ?');
    if (query.cursor) {
      const after = decodeCursor<{ id: string }>(query.cursor, ['id']);
      if (!/^\d{1,19}$/.test(after.id)) throw notFound('Delivery', after.id);
      filter.add('id < ?::bigint', after.id);
    }
    const { rows } = await this.db.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries ${filter.where} ORDER BY id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return toPage(rows.map(toDeliveryDto), query.limit, (d) => ({ id: d.id }));
  }

  /** A failed delivery is attempted again now (once: if that attempt fails too, it is failed again). */
  async retry(id: string, deliveryId: string, principal: Principal): Promise<WebhookDeliveryDto> {
    return this.db.transaction(async (sql) => {
      const subscription = await this.load(sql, id, principal);
      if (!/^\d{1,19}$/.test(deliveryId)) throw notFound('Delivery', deliveryId);
      const { rows } = await sql<DeliveryRow>(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1 AND subscription_id = $2 FOR UPDATE`,
        [deliveryId, id],
      );
      const delivery = rows[0];
      if (delivery === undefined) throw notFound('Delivery', deliveryId);
      if (delivery.status !== 'failed') {
        throw conflict(`Delivery ${deliveryId} is ${delivery.status}: only a failed delivery is retried.`, {
          code: 'delivery-not-failed',
        });
      }
      if (!subscription.active) {
        throw conflict('The subscription is inactive: its deliveries are not retried.', {
          code: 'webhook-inactive',
        });
      }
      const updated = await sql<DeliveryRow>(
        `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now() WHERE id = $1
          RETURNING ${DELIVERY_COLUMNS}, pg_notify('${WEBHOOK_CHANNEL}', '') AS woke`,
        [deliveryId],
      );
      return toDeliveryDto(updated.rows[0]!);
    });
  }

  /** The unit a new subscription is for: any for an admin (named), its own for an API key. */
  private unitToSubscribe(unitCode: string | undefined, principal: Principal): string {
    if (hasRole(principal, 'admin')) {
      if (unitCode === undefined) {
        throw unprocessable('An admin names the unit whose events are sent (unitCode).', [
          { path: 'unitCode', message: 'required' },
        ]);
      }
      return unitCode;
    }
    if (principal.kind !== 'api_key') throw notAllowed();
    if (unitCode !== undefined && unitCode !== principal.unit) {
      throw forbidden(
        `An API key of ${principal.unit} subscribes to its own unit's events only.`,
        'OTHER_UNIT',
      );
    }
    return principal.unit;
  }

  private async load(
    sql: Sql,
    id: string,
    principal: Principal,
    forUpdate = false,
  ): Promise<SubscriptionRow> {
    if (!hasRole(principal, 'admin') && principal.kind !== 'api_key') throw notAllowed();
    if (!isUuid(id)) throw notFound('Webhook subscription', id);
    const { rows } = await sql<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    const row = rows[0];
    if (row === undefined || (!hasRole(principal, 'admin') && row.unit_code !== principal.unit)) {
      throw notFound('Webhook subscription', id);
    }
    return row;
  }
}

function notAllowed() {
  return forbidden(
    "Webhooks are managed by an admin, or by a unit's agency system with its API key.",
    'ROLE_REQUIRED',
  );
}

function toDto(r: SubscriptionRow): WebhookDto {
  return {
    id: r.id,
    unitCode: r.unit_code,
    url: r.url,
    events: r.events,
    active: r.active,
    createdBy: r.created_by,
    createdAt: iso(r.created_at) as string,
    deactivatedAt: iso(r.deactivated_at),
  };
}

function toDeliveryDto(r: DeliveryRow): WebhookDeliveryDto {
  return {
    id: String(r.id),
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: iso(r.created_at) as string,
    lastAttemptAt: iso(r.last_attempt_at),
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    deliveredAt: iso(r.delivered_at),
    payload: r.payload as unknown as Record<string, unknown>,
  };
}
