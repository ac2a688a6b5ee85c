import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, JoinColumn, ManyToOne } from 'typeorm';
import { DossierEntity } from '../dossiers/dossier.entity';
import type { FormFieldDto, TaskKind, TaskStatus } from '@lienthong/contracts';
import type { Variables } from '@lienthong/engine-core';
import { TenantColumn } from '../database/tenant-column';

/** A step waiting for a person (user task) or an agency system (external task). */
@Entity('tasks')
@Index('tasks_dossier_idx', ['dossierId'])
@Index('tasks_unit_status_idx', ['unit', 'status', 'createdAt'])
@Index('tasks_due_idx', ['dueAt'], {
  where: `status = 'active' AND clock = 'running' AND deadline_status <> 'overdue'`,
})
@Index('tasks_due_soon_idx', ['dueSoonAt'], {
  where: `status = 'active' AND clock = 'running' AND deadline_status = 'on_track'`,
})
@Index('tasks_topic_active_idx', ['topic', 'createdAt'], { where: `status = 'active' AND kind = 'external'` })
/** The inbox in due order (an expression index, built by the Inbox migration; TypeORM leaves it alone). */
@Index('tasks_inbox_idx', { synchronize: false })
@Index('tasks_inbox_assignee_idx', ['assignee'], {
  where: `status = 'active' AND kind = 'user' AND assignee IS NOT NULL`,
})
@Index('tasks_incident_idx', ['incidentAt'], { where: `incident_at IS NOT NULL AND status = 'active'` })
@Index('tasks_completed_idx', ['completedAt'], { where: 'completed_at IS NOT NULL' })
export class TaskEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => DossierEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dossier_id' })
  dossier?: DossierEntity;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ name: 'token_id', type: 'uuid' })
  tokenId!: string;

  @Column({ name: 'node_id', type: 'varchar', length: 200 })
  nodeId!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 10 })
  kind!: TaskKind;

  @Column({ type: 'varchar', length: 10 })
  status!: TaskStatus;

  @Column({ type: 'varchar', length: 50, nullable: true })
  unit!: string | null;

  @Column({ name: 'candidate_role', type: 'varchar', length: 20, nullable: true })
  candidateRole!: string | null;

  @Column({ name: 'allotted_time', type: 'varchar', length: 20, nullable: true })
  allottedTime!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  topic!: string | null;

  @Column({ type: 'int', nullable: true })
  retries!: number | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  form!: FormFieldDto[];

  @Column({ name: 'loop_index', type: 'int', nullable: true })
  loopIndex!: number | null;

  @Column({ name: 'loop_total', type: 'int', nullable: true })
  loopTotal!: number | null;

  @Column({ name: 'local_variables', type: 'jsonb', default: () => `'{}'` })
  localVariables!: Variables;

  @Column({ name: 'result', type: 'jsonb', nullable: true })
  result!: Variables | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'completed_by', type: 'varchar', length: 200, nullable: true })
  completedBy!: string | null;

  /** The user name of the officer who claimed the step or to whom a leader assigned it. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  assignee!: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  /** External tasks: the worker holding the lock (fetch-and-lock) until `lockExpiresAt`. */
  @Column({ name: 'worker_id', type: 'varchar', length: 200, nullable: true })
  workerId!: string | null;

  @Column({ name: 'lock_expires_at', type: 'timestamptz', nullable: true })
  lockExpiresAt!: Date | null;

  /** The last failure a worker reported, and when the task may be fetched again. */
  @Column({ name: 'error_message', type: 'varchar', length: 2000, nullable: true })
  errorMessage!: string | null;

  @Column({ name: 'error_details', type: 'text', nullable: true })
  errorDetails!: string | null;

  @Column({ name: 'retry_at', type: 'timestamptz', nullable: true })
  retryAt!: Date | null;

  /** Set when a failure left no retries: the task waits for an admin (incident). */
  @Column({ name: 'incident_at', type: 'timestamptz', nullable: true })
  incidentAt!: Date | null;

  /** 'none' (no allotted time), 'running' or 'paused'. */
  @Column({ type: 'varchar', length: 10, default: 'none' })
  clock!: 'none' | 'running' | 'paused';

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'due_soon_at', type: 'timestamptz', nullable: true })
  dueSoonAt!: Date | null;

  @Column({ name: 'deadline_status', type: 'varchar', length: 10, default: 'on_track' })
  deadlineStatus!: 'on_track' | 'due_soon' | 'overdue';

  @Column({ type: 'varchar', length: 10, nullable: true })
  outcome!: 'early' | 'on_time' | 'late' | null;

  /** Working minutes the step took (paused time excluded), once finished. */
  @Column({ name: 'worked_minutes', type: 'int', nullable: true })
  workedMinutes!: number | null;
}
