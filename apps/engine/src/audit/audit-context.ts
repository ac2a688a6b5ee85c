import { isUuid } from '../common/uuid.util';
import { type AuditRecord, cut } from './audit-record';

/**
 * The audit record of the request being handled (made by AuditInterceptor for an audited handler, and
 * tied to the request's principal: `attachAudit`). The services hand it to the process runtime with the
 * actor (`actorOf`), which writes it in the same statement as the command's change (`auditCte`), so that
 * the change and its record commit together; the interceptor then writes nothing more. Requests whose
 * command writes no dossier (refused, failed, or not a dossier command) are recorded by the interceptor.
 *
 * Passed along explicitly rather than through an AsyncLocalStorage: on Node 20 any enabled storage
 * installs promise hooks that cost every promise of every request (about 150 µs a request, measured).
 */
export interface AuditContext {
  readonly record: AuditRecord;
  /** The record went out with a command's change. */
  written: boolean;
}

/** The audit context of each request's principal (AuthGuard gives every request its own principal object). */
const contexts = new WeakMap<object, AuditContext>();

export function attachAudit(principal: object, context: AuditContext): void {
  contexts.set(principal, context);
}

export function auditOf(principal: object): AuditContext | undefined {
  return contexts.get(principal);
}

/** The record to write with a change now, if the actor's request has one not yet written. */
export function pendingAudit(actor: { audit?: AuditContext }): AuditContext | undefined {
  const context = actor.audit;
  return context !== undefined && !context.written ? context : undefined;
}

/**
 * A CTE inserting `record` into audit_log only if the dossier row was written (CTE `d`), filed under
 * that dossier. `p` adds a parameter and returns its placeholder.
 */
export function auditCte(record: AuditRecord, p: (value: unknown) => string): string {
  const targetId =
    record.targetType === 'dossier'
      ? `COALESCE(${p(cut(record.targetId, 200))}::text, d.id::text)`
      : `${p(cut(record.targetId, 200))}::text`;
  return `aud AS (INSERT INTO audit_log (at, actor_kind, actor_id, unit_code, action, method, path, target_type, target_id,
                                         dossier_id, status, outcome, ip, request_id, detail)
       SELECT ${p(record.at)}::timestamptz, ${p(record.actorKind)}, ${p(cut(record.actorId, 200))}, ${p(cut(record.unitCode, 50))},
              ${p(cut(record.action, 60))}, ${p(cut(record.method, 10))}, ${p(cut(record.path, 500))}, ${p(record.targetType)}, ${targetId},
              ${record.targetType === 'dossier' && record.targetId !== null && isUuid(record.targetId) ? `${p(record.targetId)}::uuid` : 'd.id'},
              ${p(record.status)}::int, 'success', ${p(cut(record.ip, 64))}, ${p(cut(record.requestId, 100))}, NULL
         FROM d RETURNING 1)`;
}
