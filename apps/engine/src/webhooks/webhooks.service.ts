import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SecretBox } from '../common/crypto/secret-box';
import type { PageDto } from '@lienthong/contracts';
import { decodeCursor, toPage } from '../common/pagination';
import { conflict, notFound, unprocessable } from '../common/problem/problem.exception';
import { iso } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { forbidden } from '../identity/auth.problems';
import { hasRole, type Principal } from '../identity/principal';
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
import { type DeliveryRow, type SubscriptionRow, WebhooksRepository } from './webhooks.repository';

/** Active subscriptions per unit: each one joins every command's outbox insert for that unit. */
export const MAX_ACTIVE_SUBSCRIPTIONS_PER_UNIT = 20;

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
    private readonly webhooks: WebhooksRepository,
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
    const rows = await this.webhooks.plainSecrets();
    let sealed = 0;
    for (const row of rows) {
      const rowCount = await this.webhooks.sealSecret(row.id, row.secret, this.box.seal(row.secret));
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
      await this.webhooks.lockUnit(sql, unitCode);
      const active = await this.webhooks.countActive(sql, unitCode);
      if (active >= MAX_ACTIVE_SUBSCRIPTIONS_PER_UNIT) {
        throw conflict(
          `${unitCode} already has ${MAX_ACTIVE_SUBSCRIPTIONS_PER_UNIT} active subscriptions: deactivate one first.`,
          { code: 'too-many-subscriptions' },
        );
      }
      const row = await this.webhooks.insert(sql, {
        id: randomUUID(),
        unitCode,
        url: body.url,
        secret: this.box.seal(secret),
        events: body.events,
        createdBy: principal.name,
        createdAt: this.clock.machineNow(),
      });
      return { ...toDto(row), secret };
    });
  }

  async list(query: WebhookListQuery, principal: Principal): Promise<PageDto<WebhookDto>> {
    let unit: string | undefined;
    if (hasRole(principal, 'admin')) unit = query.unit;
    else if (principal.kind === 'api_key') unit = principal.unit;
    else throw notAllowed();
    const after = query.cursor
      ? decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id'])
      : undefined;
    const rows = await this.webhooks.list({ unit, after, limit: query.limit });
    return toPage(rows.map(toDto), query.limit, (w) => ({ createdAt: w.createdAt, id: w.id }));
  }

  /** No more deliveries are made: new events are not recorded, pending ones are marked failed. */
  async deactivate(id: string, principal: Principal): Promise<WebhookDto> {
    return this.db.transaction(async (sql) => {
      const current = await this.load(sql, id, principal, true);
      if (!current.active)
        throw conflict('The subscription is already inactive.', { code: 'webhook-inactive' });
      const row = await this.webhooks.deactivate(sql, id);
      return toDto(row);
    });
  }

  /** The delivery log of a subscription, newest first. */
  async deliveries(
    id: string,
    query: WebhookDeliveryListQuery,
    principal: Principal,
  ): Promise<PageDto<WebhookDeliveryDto>> {
    await this.load(this.db.query, id, principal);
    let afterId: string | undefined;
    if (query.cursor) {
      afterId = decodeCursor<{ id: string }>(query.cursor, ['id']).id;
      if (!/^\d{1,19}$/.test(afterId)) throw notFound('Delivery', afterId);
    }
    const rows = await this.webhooks.deliveries({
      subscriptionId: id,
      status: query.status,
      afterId,
      limit: query.limit,
    });
    return toPage(rows.map(toDeliveryDto), query.limit, (d) => ({ id: d.id }));
  }

  /** A failed delivery is attempted again now (once: if that attempt fails too, it is failed again). */
  async retry(id: string, deliveryId: string, principal: Principal): Promise<WebhookDeliveryDto> {
    return this.db.transaction(async (sql) => {
      const subscription = await this.load(sql, id, principal);
      if (!/^\d{1,19}$/.test(deliveryId)) throw notFound('Delivery', deliveryId);
      const delivery = await this.webhooks.lockDelivery(sql, deliveryId, id);
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
      const updated = await this.webhooks.retryDelivery(sql, deliveryId);
      return toDeliveryDto(updated);
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
    const row = await this.webhooks.find(sql, id, forUpdate);
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
