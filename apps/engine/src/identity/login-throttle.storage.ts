import { type ThrottlerStorage } from '@nestjs/throttler';
import { type Db } from '../database/db.service';
import { type Clock } from '../common/clock/clock';
import { countAttempt, purgeEnded } from './login-throttle.repository';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Rows of windows and blocks that ended this long ago are deleted (at most hourly, by an attempt). */
const KEEP_ENDED_MS = 3_600_000;

/**
 * The login rate limit's counters in PostgreSQL instead of one process's memory: one statement per
 * attempt counts it in a fixed window (AUTH_LOGIN_WINDOW) and, past AUTH_LOGIN_LIMIT, blocks the key for
 * the block duration (the window's length), so that every engine process sees the same counts.
 */
export class LoginThrottleStorage implements ThrottlerStorage {
  private lastPurge: number;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.lastPurge = clock.machineMs();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const row = await countAttempt(this.db.query, key, ttl, limit, blockDuration);
    if (this.clock.machineMs() - this.lastPurge > KEEP_ENDED_MS) {
      this.lastPurge = this.clock.machineMs();
      void this.purge().catch(() => undefined);
    }
    const isBlocked = row.block_ms !== null && row.block_ms > 0;
    return {
      totalHits: row.hits,
      timeToExpire: Math.max(0, Math.ceil(row.window_ms / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(row.block_ms! / 1000) : 0,
    };
  }

  /** Deletes counters whose window and block ended more than an hour ago; returns how many. */
  async purge(): Promise<number> {
    return purgeEnded(this.db.query, KEEP_ENDED_MS);
  }
}
