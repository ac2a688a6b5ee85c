import type { AuditContext } from '../audit/audit-context';
import type { CommandKey } from '../common/idempotency/command-key';

/** Who performs a command, as the history records it (a principal's, see actorOf, or the system). */
export interface Actor {
  /** User name, `apikey:<prefix>` or `system`. */
  id: string;
  /** The unit the actor acts for (absent for the system). */
  unit?: string;
  /** The audit record of the request acting (see audit/audit-context.ts). */
  audit?: AuditContext;
  /** The request's Idempotency-Key, kept with the command's change (see common/idempotency/command-key.ts). */
  key?: CommandKey;
}

export const SYSTEM_ACTOR: Actor = { id: 'system' };
