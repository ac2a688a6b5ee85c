import type { OfficialDecision } from '@lienthong/calendar';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * One replacement of a year's official decisions (migration CalendarDecisions1763900000000), append-only
 * (a database trigger refuses UPDATE and DELETE). `id` orders the changes: the data version of the
 * decisions in force is `db-<id of the last change>`.
 */
@Entity({ name: 'calendar_changes' })
@Index('calendar_changes_year_idx', ['year', 'id'])
export class CalendarChangeEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'pk_calendar_changes' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** The year whose decisions were replaced. */
  @Column({ type: 'int' })
  year!: number;

  /** Who replaced them (the API actor). */
  @Column({ type: 'varchar', length: 200 })
  actor!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  /** `WorkingCalendar.version` before and after the change. */
  @Column({ name: 'previous_version', type: 'varchar', length: 200 })
  previousVersion!: string;

  @Column({ type: 'varchar', length: 200 })
  version!: string;

  /** The decisions of `year` after the change (possibly none). */
  @Column({ type: 'jsonb' })
  decisions!: OfficialDecision[];
}
