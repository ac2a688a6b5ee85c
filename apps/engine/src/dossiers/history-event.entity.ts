import { Column, Entity, PrimaryColumn, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { DossierEntity } from './dossier.entity';
import type { Variables } from '@lienthong/engine-core';
import { TenantColumn } from '../database/tenant-column';

/** Append-only history of a dossier (a database trigger forbids UPDATE and DELETE). */
@Entity('history_events')
@Index('history_dossier_idx', ['dossierId', 'id'])
export class HistoryEventEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_history_events' })
  id!: string;

  @ManyToOne(() => DossierEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  /** The partition key (one partition a month, ADR 0011): part of the primary key. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_history_events' })
  at!: Date;

  @Column({ type: 'varchar', length: 40 })
  type!: string;

  @Column({ name: 'node_id', type: 'varchar', length: 200, nullable: true })
  nodeId!: string | null;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actor!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data!: Variables | null;
}
