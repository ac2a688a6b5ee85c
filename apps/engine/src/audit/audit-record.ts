/** One line of the audit log (a row of audit_log). */
export interface AuditRecord {
  at: Date;
  actorKind: 'user' | 'api_key' | 'system' | 'anonymous';
  actorId: string;
  unitCode: string | null;
  action: string;
  method: string;
  path: string;
  targetType: string | null;
  targetId: string | null;
  dossierId: string | null;
  status: number;
  /** `replayed`: answered with the stored response of an earlier request with the same Idempotency-Key. */
  outcome: 'success' | 'denied' | 'failed' | 'replayed';
  ip: string | null;
  requestId: string | null;
  detail: string | null;
}

/** A value cut to its column's length (the record must never fail to be written for being long). */
export function cut(value: string | null, length: number): string | null {
  return value === null ? null : value.slice(0, length);
}
