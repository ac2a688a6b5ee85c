import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { unauthorized } from './auth.problems';
import { PRINCIPAL, type Principal, type RequestWithPrincipal } from './principal';
import type { Role } from './roles';

export const IS_PUBLIC = 'lienthong:public';
export const REQUIRED_ROLES = 'lienthong:roles';

/** The route needs no authentication (login, health, the public dossier lookup). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The principal must hold one of these roles (checked by AuthGuard; finer rules live in the services). */
export const RequireRoles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

/** The authenticated principal of the request. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>()[PRINCIPAL];
  if (principal === undefined) throw unauthorized('Authentication required.');
  return principal;
});
