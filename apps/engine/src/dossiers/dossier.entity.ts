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
import { TenantColumn } from '../database/tenant-column';

/** A dossier (hồ sơ): one applicant's request, i.e. one process instance. */
@Entity('dossiers')
@Index('dossiers_status_created_idx', ['status', 'createdAt'])
@Index('dossiers_parent_idx', ['parentId'])
@Index('dossiers_external_ref_idx', ['externalRef'], { where: `external_ref IS NOT NULL` })
@Index('dossiers_due_idx', ['dueAt'], {
  where: `status = 'active' AND clock = 'running' AND deadline_status <> 'overdue'`,
})
@Index('dossiers_due_soon_idx', ['dueSoonAt'], {
  where: `status = 'active' AND clock = 'running' AND deadline_status = 'on_track'`,
})
/** The open dossiers with their definition (a covering index, built by the Inbox migration; TypeORM leaves it alone). */
@Index('dossiers_open_idx', { synchronize: false })
export class DossierEntity {
  @TenantColumn()
  tenantCode!: string;

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

  /**
   * The dossier's number in another system (e.g. the national public service portal), given at receipt:
   * agency systems may address messages to it (`correlationKey`).
   */
  @Column({ name: 'external_ref', type: 'varchar', length: 100, nullable: true })
  externalRef!: string | null;

  /** Interpreter state (tokens, scopes, variables). */
  @Column({ type: 'jsonb' })
  state!: InstanceState;

  @Column({ type: 'jsonb', default: () => `'{}'` })
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

  /** The legal clocks of the dossier and of its open steps (see runtime/deadlines.ts). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  deadlines!: Record<string, unknown>;

  /** 'none' (no legal time limit), 'running' or 'paused'. */
  @Column({ type: 'varchar', length: 10, default: 'none' })
  clock!: 'none' | 'running' | 'paused';

  /** The legal due instant (null while paused or without a time limit). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'due_soon_at', type: 'timestamptz', nullable: true })
  dueSoonAt!: Date | null;

  /** The result date promised to the applicant: the legal due instant, or the one of an extension. */
  @Column({ name: 'appointment_at', type: 'timestamptz', nullable: true })
  appointmentAt!: Date | null;

  @Column({ name: 'deadline_status', type: 'varchar', length: 10, default: 'on_track' })
  deadlineStatus!: 'on_track' | 'due_soon' | 'overdue';

  /** Once finished: early, on_time or late. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  outcome!: 'early' | 'on_time' | 'late' | null;

  /** The apology with a new return date (once per dossier). */
  @Column({ type: 'jsonb', nullable: true })
  extension!: Record<string, unknown> | null;

  /**
   * Code, applicant and variables' values folded (lower case, no diacritics, đ → d) for the inbox's
   * search; written by the trigger `dossiers_search_text` (see the Inbox migration), never by the engine.
   */
  @Column({ name: 'search_text', type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText!: string | null;

  /** The steps (unit, officer) that held the dossier when its deadline passed. */
  @Column({ name: 'overdue_holders', type: 'jsonb', nullable: true })
  overdueHolders!: Array<Record<string, unknown>> | null;
}
