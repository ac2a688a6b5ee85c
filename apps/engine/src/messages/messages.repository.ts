import { Injectable } from '@nestjs/common';
import type { Variables } from '@lienthong/engine-core';
import { Db, type Sql } from '../database/db.service';

/** A message kept for a dossier that does not wait for it yet. */
export interface KeptMessage {
  id: string;
  dossierId: string;
  name: string;
  variables: Variables;
  messageId: string | null;
  sender: string;
  ttlSeconds: number;
}

/** Statements on buffered_messages (messages kept until their dossier waits for them), and the correlation key. */
@Injectable()
export class MessagesRepository {
  constructor(private readonly db: Db) {}

  /** Drops the expired kept messages. */
  async dropExpired(): Promise<void> {
    await this.db.query(`DELETE FROM buffered_messages WHERE expires_at <= clock_timestamp()`);
  }

  /** Keeps a message; answers when it expires. */
  async keep(sql: Sql, m: KeptMessage): Promise<Date> {
    const { rows } = await sql<{ expires_at: Date }>(
      `INSERT INTO buffered_messages (id, dossier_id, name, variables, message_id, sender, received_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp(), clock_timestamp() + make_interval(secs => $7)) RETURNING expires_at`,
      [m.id, m.dossierId, m.name, JSON.stringify(m.variables), m.messageId, m.sender, m.ttlSeconds],
    );
    return rows[0]!.expires_at;
  }

  /** Whether the kept message `id` is still kept (not delivered yet). */
  async isKept(id: string): Promise<boolean> {
    const kept = await this.db.query(`SELECT 1 FROM buffered_messages WHERE id = $1`, [id]);
    return kept.rows.length > 0;
  }

  /** Whether an unexpired message of that name is kept for the dossier. */
  async anyWaiting(dossierId: string, name: string): Promise<boolean> {
    const waiting = await this.db.query(
      `SELECT 1 FROM buffered_messages WHERE dossier_id = $1 AND name = $2 AND expires_at > clock_timestamp() LIMIT 1`,
      [dossierId, name],
    );
    return waiting.rows.length > 0;
  }

  /** The oldest unexpired kept message of that name, locked (SKIP LOCKED) in the caller's transaction. */
  async takeOldest(
    sql: Sql,
    dossierId: string,
    name: string,
  ): Promise<{ id: string; variables: Record<string, unknown>; sender: string } | undefined> {
    const { rows } = await sql<{ id: string; variables: Record<string, unknown>; sender: string }>(
      `SELECT id, variables, sender FROM buffered_messages
          WHERE dossier_id = $1 AND name = $2 AND expires_at > clock_timestamp()
          ORDER BY received_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [dossierId, name],
    );
    return rows[0];
  }

  async remove(sql: Sql, id: string): Promise<void> {
    await sql(`DELETE FROM buffered_messages WHERE id = $1`, [id]);
  }

  /** The newest two dossiers with that external reference (two: the key is ambiguous). */
  async dossiersByExternalRef(correlationKey: string): Promise<Array<{ id: string }>> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT d.id FROM dossiers d WHERE d.external_ref = $1 ORDER BY d.created_at DESC LIMIT 2`,
      [correlationKey],
    );
    return rows;
  }
}
