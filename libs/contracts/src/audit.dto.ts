import type { PageDto, PageQueryDto } from './page.dto';

/** `replayed`: answered with the stored response of an earlier request with the same Idempotency-Key. */
export type AuditOutcome = 'success' | 'denied' | 'failed' | 'replayed';

/** One state-changing call, as the audit log keeps it. */
export interface AuditEntryDto {
  id: string;
  at: string;
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
  outcome: AuditOutcome;
  ip: string | null;
  requestId: string | null;
  detail: string | null;
}

/**
 * A page of the audit log, with the period searched: `from` is the query's, or by default three months
 * before `to` (or before now), so that a search reads only the month partitions of that period.
 */
export interface AuditPageDto extends PageDto<AuditEntryDto> {
  from: string;
  /** Null: up to now. */
  to: string | null;
}

export interface AuditQueryDto extends PageQueryDto {
  actor?: string;
  unit?: string;
  action?: string;
  dossierId?: string;
  /** Id of the task, definition key, unit code, user id… */
  targetId?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}
