import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An organisational unit (service centre, agency, division). Processes refer to units by code;
 * the identity issue grows this into the full organisation tree.
 */
@Entity('units')
export class UnitEntity {
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
}
