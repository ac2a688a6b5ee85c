import { Column, Entity, PrimaryColumn, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * One state-changing command (or a denied attempt): who, from which unit and address, what, on which
 * dossier/task/definition, when, and the result. Append-only: a trigger refuses UPDATE, DELETE, TRUNCATE.
 */
@Entity('audit_log')
@Index('audit_log_at_idx', ['at'])
@Index('audit_log_actor_idx', ['actorId', 'at'])
@Index('audit_log_dossier_idx', ['dossierId'], { where: `dossier_id IS NOT NULL` })
export class AuditEntryEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_audit_log' })
  id!: string;

  /** The partition key (one partition a month, ADR 0011): part of the primary key. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'PK_audit_log' })
  at!: Date;

  /** `user`, `api_key`, `system` or `anonymous` (e.g. a failed login). */
  @Column({ name: 'actor_kind', type: 'varchar', length: 10 })
  actorKind!: string;

  /** User name, `apikey:<prefix>`, `system`, or the attempted user name of a failed login. */
  @Column({ name: 'actor_id', type: 'varchar', length: 200 })
  actorId!: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 50, nullable: true })
  unitCode!: string | null;

  /** e.g. `task.complete`, `definition.publish`, `auth.login`. */
  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ type: 'varchar', length: 10 })
  method!: string;

  @Column({ type: 'varchar', length: 500 })
  path!: string;

  /** `dossier`, `task`, `definition`, `unit`, `user`, `api_key`, `calendar`, `session`... */
  @Column({ name: 'target_type', type: 'varchar', length: 20, nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 200, nullable: true })
  targetId!: string | null;

  @Column({ name: 'dossier_id', type: 'uuid', nullable: true })
  dossierId!: string | null;

  /** HTTP status of the answer. */
  @Column({ type: 'int' })
  status!: number;

  /** `success`, `denied` (401/403) or `failed` (any other error). */
  @Column({ type: 'varchar', length: 10 })
  outcome!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  /** The problem's title for failures. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;
}
