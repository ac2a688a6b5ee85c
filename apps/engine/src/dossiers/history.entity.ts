import { Column, Entity, PrimaryColumn, Index, PrimaryGeneratedColumn, JoinColumn, ManyToOne } from 'typeorm';
import { DossierEntity } from './dossier.entity';
import type { HistoryEntryEvent } from '../runtime/history-entry';
import { TenantColumn } from '../database/tenant-column';

/**
 * Append-only history of a dossier (a database trigger forbids UPDATE and DELETE): one row per command,
 * its events in order (ADR 0007, session 8). The view `history_events` (migration 1764810000000) shows
 * one row per event, as the readers query it.
 */
@Entity('history')
@Index('history_dossier_idx', ['dossierId', 'id'])
export class HistoryEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_history' })
  id!: string;

  @ManyToOne(() => DossierEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  /** The partition key (one partition a month, ADR 0011): part of the primary key. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_history' })
  at!: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actor!: string | null;

  /** The command's events, in the order they happened. */
  @Column({ type: 'jsonb' })
  events!: HistoryEntryEvent[];
}
