import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ApplicantDto } from '@lienthong/contracts';
import { TenantColumn } from '../database/tenant-column';

/**
 * A supplement guidance given at the desk (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ): the papers
 * missing, listed once, for an applicant whose dossier was not received. Kept to be printed and found
 * again; not a dossier (the statistics never count it as received).
 */
@Entity('reception_guidance')
@Index('reception_guidance_unit_created_idx', ['receivingUnit', 'createdAt'])
@Index('reception_guidance_number_uq', ['receivingUnit', 'day', 'number'], { unique: true })
export class ReceptionGuidanceEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_reception_guidance' })
  id!: string;

  /** `HD-<unit e-identifier>-YYMMDD-XXXX`, XXXX the unit's daily number of guidances. */
  @Index('reception_guidance_code_uq', { unique: true })
  @Column({ type: 'varchar', length: 70 })
  code!: string;

  @Column({ name: 'receiving_unit', type: 'varchar', length: 50 })
  receivingUnit!: string;

  /** The day (Vietnam time) the number counts in. */
  @Column({ type: 'date' })
  day!: string;

  @Column({ type: 'int' })
  number!: number;

  @Column({ name: 'definition_key', type: 'varchar', length: 100 })
  definitionKey!: string;

  @Column({ name: 'procedure_name', type: 'varchar', length: 500 })
  procedureName!: string;

  @Column({ type: 'jsonb' })
  applicant!: ApplicantDto;

  @Column({ type: 'jsonb' })
  items!: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  contact!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
