import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DefinitionStatus } from '@lienthong/contracts';
import type { ProcessGraph } from '@lienthong/bpmn';
import { TenantColumn } from '../database/tenant-column';

@Entity('definitions')
@Index('definitions_key_version_uq', ['key', 'version'], { unique: true })
@Index('definitions_in_effect_idx', ['key', 'effectiveFrom'], { where: `status = 'published'` })
export class DefinitionEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  key!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 500 })
  name!: string;

  @Column({ name: 'procedure_code', type: 'varchar', length: 50, nullable: true })
  procedureCode!: string | null;

  @Column({ name: 'legal_time_limit', type: 'varchar', length: 20, nullable: true })
  legalTimeLimit!: string | null;

  @Column({ type: 'varchar', length: 10 })
  status!: DefinitionStatus;

  @Column({ type: 'text' })
  xml!: string;

  @Column({ type: 'char', length: 64 })
  checksum!: string;

  @Column({ type: 'jsonb' })
  graph!: ProcessGraph;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  /** Who deployed the version. */
  @Column({ name: 'created_by', type: 'varchar', length: 200, nullable: true })
  createdBy!: string | null;

  @Column({ name: 'published_by', type: 'varchar', length: 200, nullable: true })
  publishedBy!: string | null;

  /** Số quyết định công bố. */
  @Column({ name: 'decision_number', type: 'varchar', length: 100, nullable: true })
  decisionNumber!: string | null;

  /** Ngày quyết định công bố. */
  @Column({ name: 'decision_date', type: 'date', nullable: true })
  decisionDate!: string | null;

  /** From this day on (Vietnam time, start of day) new dossiers start on this version. */
  @Column({ name: 'effective_from', type: 'date', nullable: true })
  effectiveFrom!: string | null;
}
