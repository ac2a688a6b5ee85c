import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * A message that arrived before its dossier waited for it (e.g. the tax payment confirmed while the
 * officer is still certifying): kept until `expiresAt` and delivered when the dossier reaches a step
 * waiting for a message of that name.
 */
@Entity('buffered_messages')
@Index('buffered_messages_dossier_idx', ['dossierId', 'name'])
@Index('buffered_messages_expiry_idx', ['expiresAt'])
export class BufferedMessageEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  variables!: Record<string, unknown>;

  @Column({ name: 'message_id', type: 'varchar', length: 200, nullable: true })
  messageId!: string | null;

  /** Who sent it (recorded in the history when it is delivered). */
  @Column({ type: 'varchar', length: 200 })
  sender!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
