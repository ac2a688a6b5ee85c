import { Injectable } from '@nestjs/common';
import { SqlFilter } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import type { ApiKeyDto } from './users.dto';

export interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  unit_code: string;
  roles: ApiKeyDto['roles'];
  topics: string[] | null;
  message_names: string[] | null;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = `id, name, prefix, unit_code, roles, topics, message_names, created_by, created_at, expires_at, revoked_at, last_used_at`;

/** Keys of agency systems: created by an admin for one unit, shown once, stored as a SHA-256, revocable. */

/** A key as authentication checks it. */
export interface KeyCredentialRow {
  id: string;
  prefix: string;
  name: string;
  secret_hash: string;
  unit_code: string;
  roles: string[];
  topics: string[] | null;
  message_names: string[] | null;
  revoked_at: Date | null;
  expires_at: Date | null;
}

export interface NewApiKey {
  id: string;
  name: string;
  prefix: string;
  secretHash: string;
  unitCode: string;
  roles: ApiKeyDto['roles'];
  topics: string[] | null;
  messageNames: string[] | null;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
}

/** Statements on api_keys (agency systems' keys); those that take `sql` run in the caller's transaction. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly db: Db) {}

  async insert(k: NewApiKey): Promise<KeyRow> {
    const { rows } = await this.db.query<KeyRow>(
      `INSERT INTO api_keys (id, name, prefix, secret_hash, unit_code, roles, topics, message_names, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
      [
        k.id,
        k.name,
        k.prefix,
        k.secretHash,
        k.unitCode,
        k.roles,
        k.topics,
        k.messageNames,
        k.createdBy,
        k.createdAt,
        k.expiresAt,
      ],
    );
    return rows[0]!;
  }

  /** A page, newest first, of one unit's keys (or every unit's), one more than `limit`. */
  async list(query: {
    unit?: string;
    after?: { createdAt: string; id: string };
    limit: number;
  }): Promise<KeyRow[]> {
    const filter = new SqlFilter().addIf(query.unit, 'unit_code = ?');
    if (query.after)
      filter.add('(created_at, id) < (?::timestamptz, ?::uuid)', query.after.createdAt, query.after.id);
    const { rows } = await this.db.query<KeyRow>(
      `SELECT ${COLUMNS} FROM api_keys ${filter.where} ORDER BY created_at DESC, id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return rows;
  }

  async lock(sql: Sql, id: string): Promise<KeyRow | undefined> {
    const { rows } = await sql<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0];
  }

  async revoke(sql: Sql, id: string, at: Date): Promise<KeyRow> {
    const updated = await sql<KeyRow>(
      `UPDATE api_keys SET revoked_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, at],
    );
    return updated.rows[0]!;
  }

  /** The key with that prefix, as authentication checks it. */
  async findByPrefix(prefix: string): Promise<KeyCredentialRow | undefined> {
    const { rows } = await this.db.query<KeyCredentialRow>(
      `SELECT id, prefix, name, secret_hash, unit_code, roles, topics, message_names, revoked_at, expires_at
           FROM api_keys WHERE prefix = $1`,
      [prefix],
    );
    return rows[0];
  }

  /** Records when the key was last used. */
  async touch(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE api_keys SET last_used_at = $2 WHERE id = $1`, [id, at]);
  }
}
