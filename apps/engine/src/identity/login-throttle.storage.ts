import { type ThrottlerStorage } from '@nestjs/throttler';
import { type Db } from '../database/db.service';
import { type Clock } from '../common/clock/clock';

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
    // In the ON CONFLICT branch `t` is the stored row; a new window starts when the last one (or its
    // block) is over, and a blocked key's attempts are not counted.
    const blocked = `(t.blocked_until IS NOT NULL AND t.blocked_until > now())`;
    const fresh = `(t.window_ends_at <= now() OR t.blocked_until IS NOT NULL)`;
    const hits = `CASE WHEN ${blocked} THEN t.hits WHEN ${fresh} THEN 1 ELSE t.hits + 1 END`;
    const { rows } = await this.db.query<{ hits: number; window_ms: number; block_ms: number | null }>(
      `INSERT INTO login_throttle AS t (key, hits, window_ends_at, blocked_until)
       VALUES ($1, 1, now() + make_interval(secs => $2 / 1000.0),
               CASE WHEN 1 > $3 THEN now() + make_interval(secs => $4 / 1000.0) END)
       ON CONFLICT (key) DO UPDATE SET
         hits = ${hits},
         window_ends_at = CASE WHEN NOT ${blocked} AND ${fresh} THEN now() + make_interval(secs => $2 / 1000.0)
                               ELSE t.window_ends_at END,
         blocked_until = CASE WHEN ${blocked} THEN t.blocked_until
                              WHEN ${hits} > $3 THEN now() + make_interval(secs => $4 / 1000.0) END
       RETURNING hits, (EXTRACT(EPOCH FROM window_ends_at - now()) * 1000)::float8 AS window_ms,
                 (EXTRACT(EPOCH FROM blocked_until - now()) * 1000)::float8 AS block_ms`,
      [key, ttl, limit, blockDuration],
    );
    if (this.clock.machineMs() - this.lastPurge > KEEP_ENDED_MS) {
      this.lastPurge = this.clock.machineMs();
      void this.purge().catch(() => undefined);
    }
    const row = rows[0]!;
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
    const { rowCount } = await this.db.query(
      `DELETE FROM login_throttle
        WHERE window_ends_at < now() - make_interval(secs => $1 / 1000.0)
          AND (blocked_until IS NULL OR blocked_until < now() - make_interval(secs => $1 / 1000.0))`,
      [KEEP_ENDED_MS],
    );
    return rowCount;
  }
}
