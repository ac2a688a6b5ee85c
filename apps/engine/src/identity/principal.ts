import { type AuditContext, auditOf } from '../audit/audit-context';
import { type CommandKey, commandKeyOf } from '../common/idempotency/command-key';
import type { Role } from './roles';

/** Who is calling: a signed-in person or an agency system's API key. Set on the request by AuthGuard. */
export interface Principal {
  readonly kind: 'user' | 'api_key';
  /** User id or API key id. */
  readonly id: string;
  /** User name, or `apikey:<prefix>`: what the history and the audit log record. */
  readonly name: string;
  readonly displayName: string;
  /** Code of the unit the principal acts for. */
  readonly unit: string;
  readonly roles: readonly Role[];
  /** Session of a user's access token (revocable). */
  readonly sessionId?: string;
  /** API keys: external-task topics and message names allowed (null: every one of the unit's). */
  readonly topics?: readonly string[] | null;
  readonly messageNames?: readonly string[] | null;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => principal.roles.includes(r));
}

/** The request property AuthGuard fills. */
export const PRINCIPAL = Symbol('lienthong.principal');

export interface RequestWithPrincipal {
  [PRINCIPAL]?: Principal;
}

/**
 * The actor the history records for a principal, with the audit record and the command's
 * Idempotency-Key of its request if any.
 */
export function actorOf(principal: Principal): {
  id: string;
  unit: string;
  audit?: AuditContext;
  key?: CommandKey;
} {
  return {
    id: principal.name,
    unit: principal.unit,
    audit: auditOf(principal),
    key: commandKeyOf(principal),
  };
}
