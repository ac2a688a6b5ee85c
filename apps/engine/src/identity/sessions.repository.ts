import { Injectable } from '@nestjs/common';
import { Db, type Sql } from '../database/db.service';

/** NOTIFY channel of revocations: payload `session:<id>`, `user:<id>` or `api_key:<id>`. */
export const AUTH_CHANNEL = 'lt_auth';

/** Statements on sessions and their revocations (and the revoked API keys every process must know). */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  /** Tells every engine process of a revocation (at commit when `sql` is a transaction's). */
  async notifyRevocation(sql: Sql, payload: string): Promise<void> {
    await sql(`SELECT pg_notify($1, $2)`, [AUTH_CHANNEL, payload]);
  }

  /** The ids of every session of the user. */
  async sessionsOf(sql: Sql, userId: string): Promise<string[]> {
    const { rows } = await sql<{ id: string }>(`SELECT id FROM sessions WHERE user_id = $1`, [userId]);
    return rows.map((r) => r.id);
  }

  /** Sessions revoked in the last `seconds`, and the unexpired sessions of disabled users. */
  async revokedSessions(seconds: number): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE (s.revoked_at IS NOT NULL AND s.revoked_at > now() - make_interval(secs => $1))
           OR (NOT u.active AND s.expires_at > now())`,
      [seconds],
    );
    return rows.map((r) => r.id);
  }

  async revokedApiKeys(): Promise<string[]> {
    const keys = await this.db.query<{ id: string }>(`SELECT id FROM api_keys WHERE revoked_at IS NOT NULL`);
    return keys.rows.map((r) => r.id);
  }

  /** Revokes every open session of the user: the account changed. */
  async revokeAllOf(sql: Sql, userId: string): Promise<void> {
    await sql(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = 'account_changed' WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
  }

  /** Revokes every open session of the user: their unit was merged. */
  async revokeForMerger(sql: Sql, userId: string): Promise<void> {
    await sql(
      `UPDATE sessions SET revoked_at = now(), revoked_reason = 'unit_merged' WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
  }

  /** Opens a session (`at`: created and refreshed). */
  async insert(s: {
    id: string;
    userId: string;
    refreshHash: string;
    at: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO sessions (id, user_id, refresh_hash, created_at, refreshed_at, expires_at, ip, user_agent)
       VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
      [s.id, s.userId, s.refreshHash, s.at, s.expiresAt, s.ip, s.userAgent],
    );
  }

  /**
   * Rotates the refresh token `hash` of an open session of an active user to `nextHash`; undefined when
   * no such session (unknown, expired, revoked, or a token already rotated).
   */
  async rotateRefresh(
    hash: string,
    nextHash: string,
    now: Date,
    expiresAt: Date,
    info: { ip: string | null; userAgent: string | null },
  ): Promise<{ id: string; user_id: string } | undefined> {
    const { rows } = await this.db.query<{ id: string; user_id: string }>(
      `UPDATE sessions s SET previous_refresh_hash = s.refresh_hash, refresh_hash = $2, refreshed_at = $3, expires_at = $4,
              ip = COALESCE($5, s.ip), user_agent = COALESCE($6, s.user_agent)
         FROM users u
        WHERE s.refresh_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $3 AND u.id = s.user_id AND u.active
        RETURNING s.id, s.user_id`,
      [hash, nextHash, now, expiresAt, info.ip, info.userAgent],
    );
    return rows[0];
  }

  /** Revokes the open sessions whose previous refresh token is `hash` (it was used again); answers their ids. */
  async revokeReused(hash: string, now: Date): Promise<string[]> {
    const reused = await this.db.query<{ id: string }>(
      `UPDATE sessions SET revoked_at = $2, revoked_reason = 'refresh_reuse'
          WHERE previous_refresh_hash = $1 AND revoked_at IS NULL RETURNING id`,
      [hash, now],
    );
    return reused.rows.map((r) => r.id);
  }

  /** Signs the session out. */
  async revoke(sessionId: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET revoked_at = $2, revoked_reason = 'logout' WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, now],
    );
  }

  /** The live session (not revoked, not expired at `now`) whose refresh token has that hash. */
  async liveByRefreshHash(hash: string, now: Date): Promise<{ id: string; user_id: string } | undefined> {
    const { rows } = await this.db.query<{ id: string; user_id: string }>(
      `SELECT id, user_id FROM sessions WHERE refresh_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
      [hash, now],
    );
    return rows[0];
  }

  /** Sign-out everywhere: revokes every open session of the user. */
  async revokeEverywhere(userId: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE sessions SET revoked_at = $2, revoked_reason = 'logout_everywhere' WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, now],
    );
  }
}
