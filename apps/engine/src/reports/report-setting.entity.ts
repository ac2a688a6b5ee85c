import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * The province's choices for its statistics, with effective dates: a period is reported with the
 * setting in force on its first day, and the report names it. Thresholds of the monthly late lists.
 */
@Entity('report_settings')
export class ReportSettingEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom!: string;

  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo!: string | null;

  /** Whether a dossier whose clock is paused (waiting for the applicant) counts as in progress. */
  @Column({ name: 'count_paused_in_progress', type: 'boolean', default: true })
  countPausedInProgress!: boolean;

  /** Late share (%) from which a unit or officer is criticised. */
  @Column({ name: 'criticism_from', type: 'numeric', precision: 5, scale: 2 })
  criticismFrom!: string;

  /** Late share (%) from which a discipline review is due. */
  @Column({ name: 'discipline_from', type: 'numeric', precision: 5, scale: 2 })
  disciplineFrom!: string;

  /** Criticisms in a year that are flagged for discipline. */
  @Column({ name: 'criticisms_for_discipline', type: 'int' })
  criticismsForDiscipline!: number;

  @Column({ type: 'varchar', length: 500 })
  basis!: string;
}
