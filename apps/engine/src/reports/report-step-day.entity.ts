import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * Finished steps per Vietnam day, unit, officer and procedure (ADR 0010): the whole days before the
 * watermark (report_step_rollup), added by `lt_report_steps_roll()`, refilled by `lt_report_steps_rebuild()`.
 * The late lists and the steps report read their finished steps here (and in `tasks` from the
 * watermark on) instead of a year of `tasks`.
 */
/** The key of a statistics row of steps: a Vietnam day, a unit, an officer and a procedure. */
export abstract class StepDayKey {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'varchar', length: 50 })
  unit!: string;

  /** Who finished the steps ('' for none: a step ended by the engine); of a step ended unfinished, who held it. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  officer!: string;

  /** The dossier's procedure (definition key). */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  procedure!: string;
}

@Entity('report_step_days')
export class ReportStepDayEntity extends StepDayKey {
  @Column({ type: 'int', default: 0 })
  finished!: number;

  @Column({ type: 'int', default: 0 })
  early!: number;

  /** On time, or without a due instant. */
  @Column({ name: 'on_time', type: 'int', default: 0 })
  onTime!: number;

  @Column({ type: 'int', default: 0 })
  late!: number;

  /** Working minutes of the steps that have an allotted time, and the minutes allotted to them. */
  @Column({ name: 'worked_minutes', type: 'bigint', default: 0 })
  workedMinutes!: string;

  @Column({ name: 'allotted_minutes', type: 'bigint', default: 0 })
  allottedMinutes!: string;

  @TenantColumn()
  tenantCode!: string;
}
