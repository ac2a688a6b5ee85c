import { Injectable, Logger } from '@nestjs/common';
import type { Sql } from '../database/db.service';
import type { AuditContext } from './audit-context';
import type { AuditRecord } from './audit-record';
import { AuditRepository, insertAuditRecords } from './audit.repository';

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

  constructor(private readonly audit: AuditRepository) {}

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
    return this.audit.insert(records);
  }
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
