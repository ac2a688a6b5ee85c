export const AUDIT_ACTION = 'lienthong:audit';

/** What an audited command acts on; the target id is read from the named route parameter. */
export interface AuditSpec {
  /** e.g. `task.complete` */
  readonly action: string;
  readonly target?:
    | 'dossier'
    | 'task'
    | 'definition'
    | 'unit'
    | 'user'
    | 'api_key'
    | 'calendar'
    | 'session'
    | 'message'
    | 'webhook'
    | 'draft';
  /** Route parameter holding the target's id (default: the first of id, idOrCode, key, code, year). */
  readonly param?: string;
  /**
   * The command keeps its Idempotency-Key in its own transaction (common/idempotency/command-key.ts): its
   * service hands the key to the process runtime with the actor.
   */
  readonly keyInCommand?: boolean;
}
