import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { DeliveryStatus, WebhookEvent, WebhookPayload } from './webhook-events';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';
import { TenantColumn } from '../database/tenant-column';

/**
 * The outbox and the delivery log in one: a row is written in the same statement as the change it
 * tells about (a command, a deadline sweep), so it exists exactly when the change does; the dispatcher
 * then POSTs it until the endpoint answers 2xx or the attempts run out (`failed`, retried on request).
 * `next_attempt_at` of a pending row is also its lease while an attempt is in flight.
 */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_due_idx', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('webhook_deliveries_subscription_idx', ['subscriptionId', 'id'])
export class WebhookDeliveryEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: WebhookSubscriptionEntity;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ type: 'varchar', length: 40 })
  event!: WebhookEvent;

  @Column({ type: 'jsonb' })
  payload!: WebhookPayload;

  /** Database time (the dispatcher's clock), not the engine's settable clock. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: DeliveryStatus;

  /** HTTP status of the last attempt (null: no answer, e.g. refused connection or timeout). */
  @Column({ name: 'last_status', type: 'int', nullable: true })
  lastStatus!: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
