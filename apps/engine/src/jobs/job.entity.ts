import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { DossierEntity } from '../dossiers/dossier.entity';
import { TenantColumn } from '../database/tenant-column';

/**
 * A durable job: a timer of a dossier (and later deadline checks, webhook deliveries). Acquired
 * by any engine process with `FOR UPDATE SKIP LOCKED`; deleted when done.
 */
@Entity('jobs')
@Index('jobs_due_idx', ['dueAt'], { where: `failed_at IS NULL` })
@Index('jobs_dossier_idx', ['dossierId'])
export class JobEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  kind!: 'timer';

  @ManyToOne(() => DossierEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  @Column({ name: 'dossier_id', type: 'uuid', nullable: true })
  dossierId!: string | null;

  @Column({ name: 'node_id', type: 'varchar', length: 200, nullable: true })
  nodeId!: string | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Set when the job gave up after its retries: an incident for an administrator. */
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
