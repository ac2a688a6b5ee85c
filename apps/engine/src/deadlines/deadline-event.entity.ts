import { Column, Entity, PrimaryColumn, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DossierEntity } from '../dossiers/dossier.entity';
import { TenantColumn } from '../database/tenant-column';

/**
 * Append-only record of everything that moved a legal deadline: pauses, resumptions, restarts,
 * extensions, recomputations after a calendar change, and the due-soon / overdue transitions.
 */
@Entity('deadline_events')
@Index('deadline_events_dossier_idx', ['dossierId', 'id'])
export class DeadlineEventEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_deadline_events' })
  id!: string;

  @ManyToOne(() => DossierEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  /** The partition key (one partition a month, ADR 0011): part of the primary key. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_deadline_events' })
  at!: Date;

  @Column({ type: 'varchar', length: 20 })
  kind!: 'paused' | 'resumed' | 'restarted' | 'extended' | 'recomputed' | 'due_soon' | 'overdue';

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actor!: string | null;

  /** Working minutes not counted (a pause) or counted for nothing (a restart). */
  @Column({ name: 'working_minutes', type: 'int', nullable: true })
  workingMinutes!: number | null;

  @Column({ name: 'previous_due_at', type: 'timestamptz', nullable: true })
  previousDueAt!: Date | null;

  @Column({ name: 'new_due_at', type: 'timestamptz', nullable: true })
  newDueAt!: Date | null;

  @Column({ name: 'calendar_version', type: 'varchar', length: 100, nullable: true })
  calendarVersion!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;
}
