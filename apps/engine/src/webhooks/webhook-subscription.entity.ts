import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UnitEntity } from '../identity/unit.entity';
import type { WebhookEvent } from './webhook-events';
import { TenantColumn } from '../database/tenant-column';

/**
 * A URL of an agency system subscribed to events of one unit. The secret signs every delivery
 * (HMAC-SHA256), so it is stored as is (not hashed) and shown once, at creation.
 */
@Entity('webhook_subscriptions')
@Index('webhook_subscriptions_unit_idx', ['unitCode'], { where: `active` })
export class WebhookSubscriptionEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code' })
  unit?: UnitEntity;

  @Column({ name: 'unit_code', type: 'varchar', length: 50 })
  unitCode!: string;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** Sealed (AES-256-GCM, SECRETS_KEY: see common/crypto/secret-box.ts), never in clear. */
  @Column({ type: 'varchar', length: 400 })
  secret!: string;

  @Column({ type: 'text', array: true })
  events!: WebhookEvent[];

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;
}
