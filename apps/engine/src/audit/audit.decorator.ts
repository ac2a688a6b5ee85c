import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { AUDIT_ACTION, type AuditSpec } from './audit-spec';
import { CommandInterceptor } from './command.interceptor';

export { AUDIT_ACTION, type AuditSpec } from './audit-spec';

/**
 * Every state-changing route carries one: the audit log records each call (success, denied or failed),
 * and a POST honours `Idempotency-Key` (a retry with the same key is recorded as a call of its own).
 *
 * The interceptors are the route's, not global ones (and one for Nest, see CommandInterceptor): Nest
 * binds an AsyncResource per interceptor for every request through them, about 35 µs each on Node 20,
 * which reads would pay for nothing.
 */
export const Audit = (action: string, options: Omit<AuditSpec, 'action'> = {}): MethodDecorator =>
  applyDecorators(
    SetMetadata(AUDIT_ACTION, { action, ...options } satisfies AuditSpec),
    UseInterceptors(CommandInterceptor),
  );
