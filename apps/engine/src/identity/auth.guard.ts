import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { AUDIT_ACTION, type AuditSpec } from '../audit/audit-spec';
import { auditRecord } from '../audit/audit.interceptor';
import { AuditWriter } from '../audit/audit-writer';
import { ProblemException } from '../common/problem/problem.exception';
import { Clock } from '../common/clock/clock';
import { perRoute } from '../common/http/route-metadata';
import { IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';
import { forbidden, unauthorized } from './auth.problems';
import { AuthService } from './auth.service';
import { PRINCIPAL, type Principal, type RequestWithPrincipal } from './principal';
import { ROLE_NAMES_VI, type Role } from './roles';

type GuardedRequest = FastifyRequest & RequestWithPrincipal;

/**
 * Global: every route but those marked `@Public()` needs `Authorization: Bearer <access token | API key>`
 * (or `X-API-Key: <API key>`); `@RequireRoles(...)` then needs one of the roles. A refused call of an
 * audited route is recorded in the audit log as denied.
 */
/** What AuthGuard reads of a route. */
interface GuardedRoute {
  readonly isPublic: boolean;
  readonly roles: Role[] | undefined;
  readonly audit: AuditSpec | undefined;
}

@Injectable()
export class AuthGuard implements CanActivate {
  /** What this guard reads of each route. */
  private readonly routeOf = perRoute((handler, controller): GuardedRoute => ({
    isPublic:
      this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [handler, controller]) === true,
    roles: this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [handler, controller]),
    audit: this.reflector.get<AuditSpec | undefined>(AUDIT_ACTION, handler),
  }));

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const route = this.routeOf(context.getHandler(), context.getClass());
    if (route.isPublic) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    try {
      // A principal of its own per request (the authenticated one may be cached and shared): the
      // request's audit record is tied to it (audit/audit-context.ts).
      const principal = { ...(await this.authenticate(request)) };
      request[PRINCIPAL] = principal;
      const roles = route.roles;
      if (roles !== undefined && !roles.some((r) => principal.roles.includes(r))) {
        throw forbidden(
          `This needs the role ${roles.map((r) => `${r} (${ROLE_NAMES_VI[r]})`).join(' or ')}.`,
          'ROLE_REQUIRED',
        );
      }
      return true;
    } catch (error) {
      const spec = route.audit;
      if (spec !== undefined && error instanceof ProblemException) {
        const record = auditRecord(request, spec, this.clock.now());
        record.status = error.getStatus();
        record.outcome = 'denied';
        record.detail = error.detail ?? error.title;
        await this.audit.write(record);
      }
      throw error;
    }
  }

  private authenticate(request: GuardedRequest): Promise<Principal> {
    const header = request.headers.authorization;
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') return this.auth.authenticate(apiKey.trim());
    if (typeof header === 'string') {
      const match = /^(?:Bearer|ApiKey)\s+(\S+)\s*$/i.exec(header);
      if (match !== null) return this.auth.authenticate(match[1]!);
    }
    return Promise.reject(
      unauthorized(
        'Sign in (POST /api/v1/auth/login) and send Authorization: Bearer <access token>, or an API key.',
      ),
    );
  }
}
