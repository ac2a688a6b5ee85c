import { Column, Entity } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';
import { StepDayKey } from './report-step-day.entity';

/**
 * The steps open at a period's end, as flows of the steps ended before the watermark of
 * report_step_rollup (ADR 0010), per Vietnam day, unit, officer and procedure: summed over the days
 * before an end, `started − ended` steps were open at it and `overdueFrom − overdueTo` of them past
 * their due instant. Added by `lt_report_steps_roll()`, refilled by `lt_report_steps_rebuild()`.
 */
@Entity('report_step_flows')
export class ReportStepFlowEntity extends StepDayKey {
  /** Steps created that day. */
  @Column({ type: 'int', default: 0 })
  started!: number;

  /** Steps ended that day. */
  @Column({ type: 'int', default: 0 })
  ended!: number;

  /** Steps whose creation and due instant were both passed that day (for the first time). */
  @Column({ name: 'overdue_from', type: 'int', default: 0 })
  overdueFrom!: number;

  /** Steps whose creation, due instant and end were all passed that day. */
  @Column({ name: 'overdue_to', type: 'int', default: 0 })
  overdueTo!: number;

  @TenantColumn()
  tenantCode!: string;
}
