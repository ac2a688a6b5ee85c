import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PageDto } from '@lienthong/contracts';
import { decodeCursor, toPage } from '../common/pagination';
import { conflict, notFound, unprocessable } from '../common/problem/problem.exception';
import { iso, SqlFilter } from '../common/sql/sql-filter.util';
import { Db } from '../database/db.service';
import { sha256 } from './auth.service';
import type { Principal } from './principal';
import { Revocations } from './revocations.service';
import type { ApiKeyDto, CreateApiKeyBody, CreatedApiKeyDto } from './users.dto';
import { assertAssignableUnit } from './assignable-unit';
import { Clock } from '../common/clock/clock';

interface KeyRow {
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
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: Db,
    private readonly revocations: Revocations,
    private readonly clock: Clock,
  ) {}

  async create(body: CreateApiKeyBody, principal: Principal): Promise<CreatedApiKeyDto> {
    const expiresAt = body.expiresAt === undefined ? null : new Date(body.expiresAt);
    if (expiresAt !== null && (Number.isNaN(expiresAt.getTime()) || expiresAt <= this.clock.machineNow())) {
      throw unprocessable('expiresAt must be a future instant.', [
        { path: 'expiresAt', message: 'must be in the future' },
      ]);
    }
    await assertAssignableUnit(this.db.query, body.unitCode);
    const prefix = randomBytes(4).toString('hex');
    const key = `lt_${prefix}_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const { rows } = await this.db.query<KeyRow>(
      `INSERT INTO api_keys (id, name, prefix, secret_hash, unit_code, roles, topics, message_names, created_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
      [
        id,
        body.name,
        prefix,
        sha256(key),
        body.unitCode,
        body.roles ?? ['officer'],
        body.topics ?? null,
        body.messageNames ?? null,
        principal.name,
        this.clock.machineNow(),
        expiresAt,
      ],
    );
    return { ...toDto(rows[0]!), key };
  }

  async list(query: { unit?: string; limit: number; cursor?: string }): Promise<PageDto<ApiKeyDto>> {
    const filter = new SqlFilter().addIf(query.unit, 'unit_code = ?');
    if (query.cursor) {
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id']);
      filter.add('(created_at, id) < (?::timestamptz, ?::uuid)', after.createdAt, after.id);
    }
    const { rows } = await this.db.query<KeyRow>(
      `SELECT ${COLUMNS} FROM api_keys ${filter.where} ORDER BY created_at DESC, id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return toPage(rows.map(toDto), query.limit, (k) => ({ createdAt: k.createdAt, id: k.id }));
  }

  /** The key stops working at once, in every engine process. */
  async revoke(id: string): Promise<ApiKeyDto> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('API key', id);
    return this.db.transaction(async (sql) => {
      const { rows } = await sql<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1 FOR UPDATE`, [id]);
      if (rows[0] === undefined) throw notFound('API key', id);
      if (rows[0].revoked_at !== null)
        throw conflict('The API key is already revoked.', { code: 'api-key-revoked' });
      const updated = await sql<KeyRow>(
        `UPDATE api_keys SET revoked_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, this.clock.machineNow()],
      );
      await this.revocations.publish(sql, 'api_key', id);
      return toDto(updated.rows[0]!);
    });
  }
}

function toDto(r: KeyRow): ApiKeyDto {
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    unitCode: r.unit_code,
    roles: r.roles,
    topics: r.topics,
    messageNames: r.message_names,
    createdBy: r.created_by,
    createdAt: iso(r.created_at) as string,
    expiresAt: iso(r.expires_at),
    revokedAt: iso(r.revoked_at),
    lastUsedAt: iso(r.last_used_at),
  };
}
