import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SavedFilterQueryDto } from '@lienthong/contracts';
import { TenantColumn } from '../database/tenant-column';

/** A filter of the inbox a person saved under a name. */
@Entity('saved_filters')
@Index('saved_filters_username_name_uq', ['username', 'name'], { unique: true })
export class SavedFilterEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_saved_filters' })
  id!: string;

  /** Whose filter it is (the user name). */
  @Column({ type: 'varchar', length: 100 })
  username!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The inbox's query parameters. */
  @Column({ type: 'jsonb' })
  query!: SavedFilterQueryDto;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
