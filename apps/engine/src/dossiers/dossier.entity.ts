import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { DefinitionEntity } from '../definitions/definition.entity';
import type { ApplicantDto, DossierStatus } from '@lienthong/contracts';
import type { InstanceState, Variables } from '@lienthong/engine-core';

/** A dossier (hồ sơ): one applicant's request, i.e. one process instance. */
@Entity('dossiers')
@Index('dossiers_status_created_idx', ['status', 'createdAt'])
@Index('dossiers_parent_idx', ['parentId'])
export class DossierEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Official code `<unit e-identifier>-YYMMDD-XXXX`. */
  @Index('dossiers_code_uq', { unique: true })
  @Column({ type: 'varchar', length: 60 })
  code!: string;

  @Column({ name: 'definition_id', type: 'uuid' })
  definitionId!: string;

  @ManyToOne(() => DefinitionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id' })
  definition?: DefinitionEntity;

  @Column({ name: 'definition_key', type: 'varchar', length: 100 })
  definitionKey!: string;

  @Column({ name: 'definition_version', type: 'int' })
  definitionVersion!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: DossierStatus;

  @Column({ name: 'receiving_unit', type: 'varchar', length: 50 })
  receivingUnit!: string;

  @Column({ type: 'varchar', length: 10, default: 'desk' })
  channel!: 'desk' | 'online' | 'postal';

  @Column({ type: 'jsonb' })
  applicant!: ApplicantDto;

  /** Interpreter state (tokens, scopes, variables). */
  @Column({ type: 'jsonb' })
  state!: InstanceState;

  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  variables!: Variables;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => DossierEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: DossierEntity;

  /** For a dossier started by a call activity: the call id in the parent's state. */
  @Column({ name: 'parent_call_id', type: 'uuid', nullable: true })
  parentCallId!: string | null;

  @VersionColumn({ name: 'revision', type: 'int' })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
