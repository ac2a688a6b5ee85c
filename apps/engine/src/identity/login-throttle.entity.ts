import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TenantColumn } from '../database/tenant-column';

/**
 * Sign-in attempts per client address and user name (the throttler's hashed key: nothing personal in
 * clear), shared by every engine process on the database, so that the limit holds whatever process
 * (ENGINE_WORKERS, several machines) an attempt reaches. See LoginThrottleStorage.
 */
@Entity('login_throttle')
@Index('login_throttle_window_idx', ['windowEndsAt'])
export class LoginThrottleEntity {
  @TenantColumn()
  tenantCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 128, primaryKeyConstraintName: 'PK_login_throttle' })
  key!: string;

  /** Attempts counted in the current window. */
  @Column({ type: 'int' })
  hits!: number;

  @Column({ name: 'window_ends_at', type: 'timestamptz' })
  windowEndsAt!: Date;

  /** Set when the limit was passed: attempts are refused until then. */
  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
