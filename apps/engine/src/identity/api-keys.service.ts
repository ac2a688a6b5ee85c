import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PageDto } from '@lienthong/contracts';
import { decodeCursor, toPage } from '../common/pagination';
import { conflict, notFound, unprocessable } from '../common/problem/problem.exception';
import { iso } from '../common/sql/sql-filter.util';
import { Db } from '../database/db.service';
import { sha256 } from './auth.service';
import type { Principal } from './principal';
import { Revocations } from './revocations.service';
import type { ApiKeyDto, CreateApiKeyBody, CreatedApiKeyDto } from './users.dto';
import { assertAssignableUnit } from './assignable-unit';
import { Clock } from '../common/clock/clock';
import { ApiKeysRepository, type KeyRow } from './api-keys.repository';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly db: Db,
    private readonly apiKeys: ApiKeysRepository,
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
    const row = await this.apiKeys.insert({
      id,
      name: body.name,
      prefix,
      secretHash: sha256(key),
      unitCode: body.unitCode,
      roles: body.roles ?? ['officer'],
      topics: body.topics ?? null,
      messageNames: body.messageNames ?? null,
      createdBy: principal.name,
      createdAt: this.clock.machineNow(),
      expiresAt,
    });
    return { ...toDto(row), key };
  }

  async list(query: { unit?: string; limit: number; cursor?: string }): Promise<PageDto<ApiKeyDto>> {
    const after = query.cursor
      ? decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id'])
      : undefined;
    const rows = await this.apiKeys.list({ unit: query.unit, after, limit: query.limit });
    return toPage(rows.map(toDto), query.limit, (k) => ({ createdAt: k.createdAt, id: k.id }));
  }

  /** The key stops working at once, in every engine process. */
  async revoke(id: string): Promise<ApiKeyDto> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('API key', id);
    return this.db.transaction(async (sql) => {
      const current = await this.apiKeys.lock(sql, id);
      if (current === undefined) throw notFound('API key', id);
      if (current.revoked_at !== null)
        throw conflict('The API key is already revoked.', { code: 'api-key-revoked' });
      const updated = await this.apiKeys.revoke(sql, id, this.clock.machineNow());
      await this.revocations.publish(sql, 'api_key', id);
      return toDto(updated);
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
