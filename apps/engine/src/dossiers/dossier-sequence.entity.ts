import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/** Daily dossier number per receiving unit (the XXXX of a dossier code). */
@Entity('dossier_sequences')
export class DossierSequenceEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ name: 'unit_code', type: 'varchar', length: 50 })
  unitCode!: string;

  @PrimaryColumn({ type: 'date' })
  day!: string;

  @Column({ name: 'last_value', type: 'int' })
  lastValue!: number;
}
