import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * An organisational unit (province, district, commune, service centre, agency, division) in the
 * organisation tree. Processes refer to units by code, and a step records the code of the unit that
 * held it, so a unit is never deleted: it is renamed, retired (`validTo`) or merged into another
 * (`mergedInto`, which then receives the steps that processes still address to the old code).
 */
@Entity('units')
@Index('units_parent_idx', ['parentCode'])
export class UnitEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 50 })
  code!: string;

  /** Official electronic identifier, used as the prefix of dossier codes (e.g. 000.00.12.H20). */
  @Column({ name: 'e_identifier', type: 'varchar', length: 50 })
  eIdentifier!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  level!: string;

  @Column({ name: 'parent_code', type: 'varchar', length: 50, nullable: true })
  parentCode!: string | null;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  /** The unit that took over this one's work (a merger); steps addressed to this code go there. */
  @Column({ name: 'merged_into', type: 'varchar', length: 50, nullable: true })
  mergedInto!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
