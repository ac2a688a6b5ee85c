import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * The recomputation of every open due instant that a calendar change asks for (migration
 * CalendarRecomputations1764000000000). `CalendarService.replaceYear` inserts the row in the transaction
 * of the change; `DeadlineRecomputer` carries it out and sets `finished_at`. A row still unfinished when
 * an engine process starts (the engine stopped meanwhile) is carried out then, with the calendar in force.
 */
@Entity({ name: 'calendar_recomputations' })
export class CalendarRecomputationEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_calendar_recomputations' })
  id!: string;

  /** The `calendar_changes` row that asked for it; null when asked for directly (an explicit calendar). */
  @Column({ name: 'change_id', type: 'bigint', nullable: true })
  changeId!: string | null;

  /** `WorkingCalendar.version` the due instants are (being) computed with. */
  @Column({ name: 'calendar_version', type: 'varchar', length: 200 })
  calendarVersion!: string;

  /** Recorded with every 'recomputed' deadline event. */
  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  /** When a run last started (a resumed recomputation starts again). */
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Progress: open dossiers examined so far (by the runs of this row). */
  @Column({ type: 'int', default: 0 })
  dossiers!: number;

  /** Progress: dossiers whose due instant moved ('recomputed' events written). */
  @Column({ type: 'int', default: 0 })
  moved!: number;
}
