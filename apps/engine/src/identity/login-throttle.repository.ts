import type { Sql } from '../database/db.service';

// The login rate limit's statements (table login_throttle). Functions of `sql`: LoginThrottleStorage is
// made in ThrottlerModule's factory, outside the module's providers.

/**
 * Counts an attempt of `key` in its window (`ttl` ms) and, past `limit`, blocks it for `blockDuration`
 * ms, in one statement; answers the count and the milliseconds left of the window and of the block.
 */
export async function countAttempt(
  sql: Sql,
  key: string,
  ttl: number,
  limit: number,
  blockDuration: number,
): Promise<{ hits: number; window_ms: number; block_ms: number | null }> {
  // In the ON CONFLICT branch `t` is the stored row; a new window starts when the last one (or its
  // block) is over, and a blocked key's attempts are not counted.
  const blocked = `(t.blocked_until IS NOT NULL AND t.blocked_until > now())`;
  const fresh = `(t.window_ends_at <= now() OR t.blocked_until IS NOT NULL)`;
  const hits = `CASE WHEN ${blocked} THEN t.hits WHEN ${fresh} THEN 1 ELSE t.hits + 1 END`;
  const { rows } = await sql<{ hits: number; window_ms: number; block_ms: number | null }>(
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
  return rows[0]!;
}

/** Deletes counters whose window and block ended more than `keepMs` ago; returns how many. */
export async function purgeEnded(sql: Sql, keepMs: number): Promise<number> {
  const { rowCount } = await sql(
    `DELETE FROM login_throttle
        WHERE window_ends_at < now() - make_interval(secs => $1 / 1000.0)
          AND (blocked_until IS NULL OR blocked_until < now() - make_interval(secs => $1 / 1000.0))`,
    [keepMs],
  );
  return rowCount;
}
