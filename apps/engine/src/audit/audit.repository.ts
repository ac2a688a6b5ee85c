import { Injectable } from '@nestjs/common';
import type { AuditEntryDto, AuditQueryDto } from '@lienthong/contracts';
import { SqlFilter } from '../common/sql/sql-filter.util';
import { isUuid } from '../common/uuid.util';
import { Db, type Sql } from '../database/db.service';
import { ReadDb } from '../database/read-db.service';
import { type AuditRecord, cut } from './audit-record';

export interface AuditRow {
  id: string;
  at: Date;
  actor_kind: AuditEntryDto['actorKind'];
  actor_id: string;
  unit_code: string | null;
  action: string;
  method: string;
  path: string;
  target_type: string | null;
  target_id: string | null;
  dossier_id: string | null;
  status: number;
  outcome: AuditEntryDto['outcome'];
  ip: string | null;
  request_id: string | null;
  detail: string | null;
}

/** Statements on the audit log (audit_log). */
@Injectable()
export class AuditRepository {
  constructor(
    private readonly db: Db,
    /** Lists may be a moment behind the commands: they can run on the read standby (ReadDb). */
    private readonly read: ReadDb,
  ) {}

  /** A page of the log, newest first: the entries before `after` (an id), one more than `limit`. */
  async list(q: AuditQueryDto & { limit: number }, after: string | undefined): Promise<AuditRow[]> {
    const filter = new SqlFilter()
      .addIf(q.actor, 'actor_id = ?')
      .addIf(q.unit, 'unit_code = ?')
      .addIf(q.action, 'action = ?')
      .addIf(q.dossierId, 'dossier_id = ?')
      .addIf(q.targetId, 'target_id = ?')
      .addIf(q.outcome, 'outcome = ?')
      .addIf(q.from, 'at >= ?::timestamptz')
      .addIf(q.to, 'at < ?::timestamptz');
    if (after !== undefined) filter.add('id < ?::bigint', after);
    const { rows } = await this.read.query<AuditRow>(
      `SELECT id::text, at, actor_kind, actor_id, unit_code, action, method, path, target_type, target_id, dossier_id,
              status, outcome, ip, request_id, detail
         FROM audit_log ${filter.where} ORDER BY audit_log.id DESC LIMIT ${filter.param(q.limit + 1)}`,
      filter.params,
    );
    return rows;
  }

  /**
   * Where a search of a dossier's entries starts by default: a day before its receipt (its entries
   * are not older: ADR 0011's bound of its history); undefined for an unknown dossier.
   */
  async dossierSince(dossierId: string): Promise<Date | undefined> {
    const { rows } = await this.read.query<{ since: Date }>(
      `SELECT created_at - interval '1 day' AS since FROM dossiers WHERE id = $1`,
      [dossierId],
    );
    return rows[0]?.since;
  }

  /** Appends audit records (one statement for the batch). */
  insert(records: AuditRecord[]): Promise<void> {
    return insertAuditRecords(this.db.query, records);
  }
}

/** Appends audit records with `sql` (inside a command's transaction: they commit with it). */
export async function insertAuditRecords(sql: Sql, records: AuditRecord[]): Promise<void> {
  await sql(
    `INSERT INTO audit_log (at, actor_kind, actor_id, unit_code, action, method, path, target_type, target_id,
                              dossier_id, status, outcome, ip, request_id, detail)
       SELECT at, actor_kind, actor_id, unit_code, action, method, path, target_type, target_id,
              -- a refused or failed command on a step is still filed under its dossier
              COALESCE(dossier_id, CASE WHEN target_type = 'task' AND target_id ~ '^[0-9a-fA-F-]{36}$'
                                        THEN (SELECT t.dossier_id FROM tasks t WHERE t.id = target_id::uuid) END),
              status, outcome, ip, request_id, detail
         FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::text[], $10::uuid[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[])
              AS x(at, actor_kind, actor_id, unit_code, action, method, path, target_type, target_id, dossier_id, status,
                   outcome, ip, request_id, detail)`,
    [
      records.map((r) => r.at),
      records.map((r) => r.actorKind),
      records.map((r) => cut(r.actorId, 200)),
      records.map((r) => cut(r.unitCode, 50)),
      records.map((r) => cut(r.action, 60)),
      records.map((r) => cut(r.method, 10)),
      records.map((r) => cut(r.path, 500)),
      records.map((r) => r.targetType),
      records.map((r) => cut(r.targetId, 200)),
      records.map((r) => (r.dossierId !== null && isUuid(r.dossierId) ? r.dossierId : null)),
      records.map((r) => r.status),
      records.map((r) => r.outcome),
      records.map((r) => cut(r.ip, 64)),
      records.map((r) => cut(r.requestId, 100)),
      records.map((r) => cut(r.detail, 500)),
    ],
  );
}
