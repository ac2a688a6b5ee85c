import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantColumn } from '../../database/tenant-column';

/**
 * One `Idempotency-Key` seen on a POST: reserved (response_status null) while the request runs,
 * completed with the response to replay afterwards. Scoped by (key, method, path).
 */
@Entity({ name: 'idempotency_keys' })
@Unique('uq_idempotency_keys_key_method_path', ['key', 'method', 'path'])
@Index('ix_idempotency_keys_created_at', ['createdAt'])
export class IdempotencyKeyEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'pk_idempotency_keys',
  })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  key!: string;

  @Column({ type: 'varchar', length: 16 })
  method!: string;

  @Column({ type: 'varchar', length: 2048 })
  path!: string;

  /** sha256 (hex) of the method, path, query and body. */
  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  /** Null while the first request with this key is still running. */
  @Column({ name: 'response_status', type: 'smallint', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  /** The few response headers worth replaying (Location, ETag). */
  @Column({ name: 'response_headers', type: 'jsonb', nullable: true })
  responseHeaders!: Record<string, string> | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
