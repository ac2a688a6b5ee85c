import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * A designer's draft of a procedure's process, saved by the designer in the browser (autosave). Not a
 * deployed version: publishing deploys its XML as a new version of `definition_key`. Each save increments
 * `revision`; a save from a stale revision is refused, so two designers never overwrite each other.
 */
@Entity('designer_drafts')
@Index('designer_drafts_key_idx', ['definitionKey', 'updatedAt'])
@Index('designer_drafts_updated_idx', ['updatedAt', 'id'])
export class DraftEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_designer_drafts' })
  id!: string;

  @Column({ name: 'definition_key', type: 'varchar', length: 100 })
  definitionKey!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  @Column({ type: 'text' })
  xml!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ name: 'base_version', type: 'integer', nullable: true })
  baseVersion!: number | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
