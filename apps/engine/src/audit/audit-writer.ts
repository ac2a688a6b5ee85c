import { Injectable, Logger } from '@nestjs/common';
import { isUuid } from '../common/uuid.util';
import { Db, type Sql } from '../database/db.service';
import type { AuditContext } from './audit-context';
import { type AuditRecord, cut } from './audit-record';

// Named here too: the runtime's statement (dossier-write.ts) and the interceptor import them from the writer.
export { type AuditRecord, cut } from './audit-record';

const MAX_BATCH = 500;

/**
 * Appends audit records with group commit: a record is durable before the request it describes is
 * answered, yet concurrent requests share one INSERT (the records that arrive while a write is under
 * way go together in the next one).
 */
@Injectable()
export class AuditWriter {
  private readonly logger = new Logger(AuditWriter.name);
  private pending: Array<{ record: AuditRecord; resolve: () => void; reject: (e: unknown) => void }> = [];
  private writing = false;

  constructor(private readonly db: Db) {}

  write(record: AuditRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          await this.insert(batch.map((b) => b.record));
          for (const b of batch) b.resolve();
        } catch (error) {
          this.logger.error(`Writing ${batch.length} audit records failed: ${String(error)}`);
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private insert(records: AuditRecord[]): Promise<void> {
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

/**
 * Writes the actor's pending audit record in the command's transaction `sql`, so that the change and
 * its record commit together (the interceptor then writes nothing more).
 */
export async function writeAuditIn(sql: Sql, actor: { audit?: AuditContext }): Promise<void> {
  const audit = actor.audit;
  if (audit === undefined || audit.written) return;
  await insertAuditRecords(sql, [audit.record]);
  audit.written = true;
}
