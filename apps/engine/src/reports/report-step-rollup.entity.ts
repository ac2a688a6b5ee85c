import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * How far report_step_days goes (ADR 0010): one row, the first Vietnam day whose finished steps are not
 * rolled up yet (`-infinity`: none is). The step readers take the days before it from
 * report_step_days and the later ones from the steps themselves; `lt_report_steps_roll(until)` moves it.
 */
@Entity('report_step_rollup')
export class ReportStepRollupEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id!: number;

  @Column({ name: 'rolled_until', type: 'date' })
  rolledUntil!: string;

  @Column({ name: 'rolled_at', type: 'timestamptz', default: () => 'now()' })
  rolledAt!: Date;

  @TenantColumn()
  tenantCode!: string;
}
