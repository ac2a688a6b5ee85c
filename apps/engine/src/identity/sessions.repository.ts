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
}
