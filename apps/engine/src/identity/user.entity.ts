import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UnitEntity } from './unit.entity';
import { TenantColumn } from '../database/tenant-column';

/** A person: belongs to one unit, holds roles there (user_roles), signs in with a password or OIDC. */
@Entity('users')
@Index('users_username_key', ['username'], { unique: true })
@Index('users_oidc_subject_key', ['oidcSubject'], { unique: true, where: `oidc_subject IS NOT NULL` })
@Index('users_unit_idx', ['unitCode'])
export class UserEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Lower case, unique. */
  @Column({ type: 'varchar', length: 100 })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code' })
  unit?: UnitEntity;

  @Column({ name: 'unit_code', type: 'varchar', length: 50 })
  unitCode!: string;

  /** argon2id PHC string; null for accounts that sign in through OpenID Connect only. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'oidc_subject', type: 'varchar', length: 200, nullable: true })
  oidcSubject!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Seeded by the demo seed with the demo password: production mode refuses to start while one exists. */
  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity('user_roles')
export class UserRoleEntity {
  @TenantColumn()
  tenantCode!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  role!: string;
}

/**
 * A sign-in: its refresh token (only the SHA-256 of it is stored) rotates at every refresh; logout,
 * disabling the user or re-using an already rotated refresh token (theft) revokes the session, and with
 * it every access token issued for it (they carry the session id).
 */
@Entity('sessions')
@Index('sessions_refresh_hash_key', ['refreshHash'], { unique: true })
@Index('sessions_user_idx', ['userId'])
@Index('sessions_revoked_idx', ['revokedAt'], { where: `revoked_at IS NOT NULL` })
export class SessionEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** SHA-256 (hex) of the current refresh token. */
  @Column({ name: 'refresh_hash', type: 'char', length: 64 })
  refreshHash!: string;

  /** SHA-256 of the refresh token it replaced: presenting that one again revokes the session. */
  @Column({ name: 'previous_refresh_hash', type: 'char', length: 64, nullable: true })
  previousRefreshHash!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'refreshed_at', type: 'timestamptz' })
  refreshedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 50, nullable: true })
  revokedReason!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent!: string | null;
}

/**
 * A key of an agency system, created by an admin for one unit: `lt_<prefix>_<secret>`, shown once;
 * only the SHA-256 of the whole key is stored. Scoped to its unit, its roles there, and optionally to
 * external-task topics and message names (null: all of its unit's).
 */
@Entity('api_keys')
@Index('api_keys_prefix_key', ['prefix'], { unique: true })
export class ApiKeyEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  @Column({ name: 'secret_hash', type: 'char', length: 64 })
  secretHash!: string;

  @ManyToOne(() => UnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_code' })
  unit?: UnitEntity;

  @Column({ name: 'unit_code', type: 'varchar', length: 50 })
  unitCode!: string;

  @Column({ type: 'text', array: true })
  roles!: string[];

  @Column({ type: 'text', array: true, nullable: true })
  topics!: string[] | null;

  @Column({ name: 'message_names', type: 'text', array: true, nullable: true })
  messageNames!: string[] | null;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
