import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';
import { unauthorized } from './auth.problems';
import { actorOf, PRINCIPAL, type RequestWithPrincipal } from './principal';

/**
 * Who performs a command, as the history records it: the user name or `apikey:<prefix>`, and the unit
 * (with the request's audit record, see actorOf).
 */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>()[PRINCIPAL];
  if (principal === undefined) throw unauthorized('Authentication required.');
  return actorOf(principal);
});
