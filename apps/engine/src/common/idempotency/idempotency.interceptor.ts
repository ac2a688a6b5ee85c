import {
  type CallHandler,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { PRINCIPAL, type RequestWithPrincipal } from '../../identity/principal';
import { badRequest, ProblemException } from '../problem/problem.exception';
import { type IdempotencyContext, IdempotencyRepository } from './idempotency.repository';
import { callerScopedKey, requestHash } from './request-hash.util';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on replayed responses. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** A reservation that never completed for this long belonged to a process that died: it is taken over. */
export const IDEMPOTENCY_STALE_AFTER_MS = 5 * 60_000;
/** Response headers recorded and replayed along with the body. */
const REPLAYED_HEADERS = ['location', 'etag', 'content-location'] as const;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

type IdempotentRequest = FastifyRequest & { idempotency?: IdempotencyContext };

/**
 * `Idempotency-Key` on POST requests (of every audited route: `@Audit`; else `@Idempotent()`). The first request with a key runs and its
 * response (status, body, Location/ETag) is recorded; a later request with the same key, method and path
 * gets that response again (header `Idempotent-Replayed: true`) without running the handler. The same key
 * with another body is a 409 `idempotency-key-reused`; a retry while the first is still running is a 409
 * `idempotency-key-in-flight` (with Retry-After). A request that fails frees its key.
 *
 * Limitation: by default the response is recorded right after the handler's transaction committed, in a
 * second statement. If the process dies between the two, the command stays done but the key stays
 * reserved; after IDEMPOTENCY_STALE_AFTER_MS a retry runs the command again. Command handlers that must
 * be exactly-once record the response in their own transaction with
 * `IdempotencyRepository.completeInTransaction(manager, context, response)` (context from
 * `@Idempotency()`).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly repository: IdempotencyRepository) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentRequest>();
    const response = http.getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw badRequest('Idempotency-Key must be 1 to 255 visible ASCII characters.', undefined, {
        slug: 'invalid-idempotency-key',
      });
    }

    const [path = '', query = ''] = request.originalUrl.split('?', 2);
    // Keys are per caller: another principal's identical key is another request (and never a replay of it).
    const principal = (request as IdempotentRequest & RequestWithPrincipal)[PRINCIPAL];
    const scope = { key: callerScopedKey(principal, key), method: request.method, path };
    const reservation = await this.repository.reserve(
      scope,
      requestHash(request.method, path, query, request.body),
      IDEMPOTENCY_STALE_AFTER_MS,
    );
    switch (reservation.kind) {
      case 'mismatch':
        throw ProblemException.of(
          409,
          'idempotency-key-reused',
          'Idempotency key reused',
          'This Idempotency-Key was already used for a different request; use a new key.',
        );
      case 'in-flight':
        throw ProblemException.of(
          409,
          'idempotency-key-in-flight',
          'Request already in progress',
          'A request with this Idempotency-Key is still being processed; retry shortly.',
          { headers: { 'Retry-After': '1' } },
        );
      case 'replay': {
        const stored = reservation.response;
        response.status(stored.status).headers(stored.headers).header(IDEMPOTENT_REPLAYED_HEADER, 'true');
        // No body was recorded as NULL: none again (given null, Fastify would send `null`).
        return of(stored.body ?? undefined);
      }
      case 'reserved': {
        const idempotency: IdempotencyContext = { id: reservation.id, key, completed: false };
        request.idempotency = idempotency;
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            if (!idempotency.completed) {
              await this.repository.complete(idempotency.id, {
                status: response.statusCode,
                body,
                headers: replayableHeaders(response),
              });
              idempotency.completed = true;
            }
            return body;
          }),
          catchError((error: unknown) =>
            from(this.repository.release(idempotency.id)).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }
    }
  }
}

function replayableHeaders(response: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/**
 * The reserved key of the current request, or undefined (no Idempotency-Key header, or not a POST):
 * `create(@Body() dto: X, @Idempotency() idempotency?: IdempotencyContext)`.
 */
export const Idempotency = createParamDecorator(
  (_data: unknown, context: ExecutionContext): IdempotencyContext | undefined =>
    context.switchToHttp().getRequest<IdempotentRequest>().idempotency,
);

/** Honours `Idempotency-Key` on a route that is not audited (audited ones have it with `@Audit`). */
export const Idempotent = (): MethodDecorator & ClassDecorator => UseInterceptors(IdempotencyInterceptor);
