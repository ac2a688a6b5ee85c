import type { OfficialDecision } from '@lienthong/calendar';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * One official decision in force (migration CalendarDecisions1763900000000). The table holds the whole
 * set the engine's calendar is built from; while it has never been written, the calendar uses the
 * decisions shipped with `@lienthong/calendar`. Written only by `CalendarService.replaceYear`.
 */
@Entity({ name: 'calendar_decisions' })
@Index('calendar_decisions_year_idx', ['year'])
export class CalendarDecisionEntity {
  @TenantColumn()
  tenantCode!: string;

  /** The decision's id, e.g. `2026-tet`. */
  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_calendar_decisions' })
  id!: string;

  /** The decision's `year` (also inside `decision`), to replace a year's decisions at once. */
  @Column({ type: 'int' })
  year!: number;

  /** The decision, normalised by `parseOfficialDecisions`. */
  @Column({ type: 'jsonb' })
  decision!: OfficialDecision;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
