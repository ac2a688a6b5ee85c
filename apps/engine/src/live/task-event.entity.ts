import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * What happened to an officer's step (user task), for the live inboxes: written by the command that
 * changed the step, in its own statement (`runtime/dossier-write.ts`, the assignment in
 * `tasks.repository.ts`, the deadline sweep), so that an event exists exactly when its change
 * committed. A row trigger NOTIFYs `lt_task_events` (see the migration): every engine process's
 * LiveEvents reads the new rows and pushes them to its open streams. Kept a day (LiveEvents purges).
 */
@Entity('task_events')
@Index('task_events_at_idx', ['at'])
export class TaskEventEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_task_events' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** `created`, `claimed`, `unclaimed`, `assigned`, `completed`, `cancelled` or `deadline`. */
  @Column({ type: 'varchar', length: 16 })
  type!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ type: 'varchar', length: 50 })
  unit!: string;

  /** The step's role (who of the unit sees it), as `tasks.candidate_role`. */
  @Column({ name: 'candidate_role', type: 'varchar', length: 20, nullable: true })
  candidateRole!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  assignee!: string | null;

  /** `deadline` events: the status the sweep set. */
  @Column({ name: 'deadline_status', type: 'varchar', length: 10, nullable: true })
  deadlineStatus!: string | null;
}
