import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, of, throwError } from 'rxjs';
import { Db } from '../../database/db.service';
import { PRINCIPAL, type Principal, type RequestWithPrincipal } from '../../identity/principal';
import { badRequest } from '../problem/problem.exception';
import {
  attachCommandKey,
  type CommandKey,
  type KeyReservation,
  keyInFlight,
  keyReused,
  lookUpKey,
  StoredAnswer,
} from './command-key';
import { type IdempotencyScope, IdempotencyRepository, type StoredResponse } from './idempotency.repository';
import { callerScopedKey, requestHash } from './request-hash.util';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on replayed responses. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
/** A reservation that never completed for this long belonged to a process that died: it is taken over. */
export const IDEMPOTENCY_STALE_AFTER_MS = 5 * 60_000;
/** Response headers recorded and replayed along with the body. */
const REPLAYED_HEADERS = ['location', 'etag', 'content-location'] as const;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

type IdempotentRequest = FastifyRequest;

/** Route metadata: the route's command keeps its Idempotency-Key in its own transaction (see command-key.ts). */
export const KEY_IN_COMMAND = 'lienthong:key-in-command';

/** Marks a route whose handler keeps its Idempotency-Key in the command's transaction (see `@Audit`). */
export const KeyInCommand = (): MethodDecorator => SetMetadata(KEY_IN_COMMAND, true);

/**
 * `Idempotency-Key` on POST requests (of every audited route: `@Audit`; else `@Idempotent()`). The first request with a key runs and its
 * response (status, body, Location/ETag) is recorded; a later request with the same key, method and path
 * gets that response again (header `Idempotent-Replayed: true`, audited as `replayed`) without running the
 * handler. The same key with another body is a 409 `idempotency-key-reused`.
 *
 * Commands (`@Audit(…, { keyInCommand: true })`) keep the key in their own transaction (see command-key.ts):
 * reservation, change, audit record and answer commit together, so a crash at any instant leaves either
 * nothing (the retry runs the command) or the answer (the retry gets it), and a concurrent retry waits for
 * the first and gets its answer.
 *
 * Other routes reserve the key before the handler runs and record the response after it, in a second
 * statement (a retry while the first is still running is a 409 `idempotency-key-in-flight` with
 * Retry-After; a request that fails frees its key). If the process dies between the two, the key stays
 * reserved; after IDEMPOTENCY_STALE_AFTER_MS a retry runs the handler again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly repository: IdempotencyRepository,
    private readonly reflector: Reflector,
    private readonly db: Db,
  ) {}

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
    const hash = requestHash(request.method, path, query, request.body);
    if (principal !== undefined && this.reflector.get<boolean>(KEY_IN_COMMAND, context.getHandler())) {
      return this.inCommand(context, next, principal, scope, hash);
    }

    const reservation = await this.repository.reserve(scope, hash, IDEMPOTENCY_STALE_AFTER_MS);
    switch (reservation.kind) {
      case 'mismatch':
        throw keyReused();
      case 'in-flight':
        throw keyInFlight();
      case 'replay':
        return of(replay(response, reservation.response));
      case 'reserved': {
        const id = reservation.id;
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await this.repository.complete(id, {
              status: response.statusCode,
              body,
              headers: replayableHeaders(response),
            });
            return body;
          }),
          catchError((error: unknown) =>
            from(this.repository.release(id)).pipe(mergeMap(() => throwError(() => error))),
          ),
        );
      }
    }
  }

  /** A command that keeps its key in its own transaction (see command-key.ts). */
  private async inCommand(
    context: ExecutionContext,
    next: CallHandler,
    principal: Principal,
    scope: IdempotencyScope,
    hash: string,
  ): Promise<Observable<unknown>> {
    const response = context.switchToHttp().getResponse<FastifyReply>();
    const stored = await lookUpKey(this.db.query, scope, hash);
    if (stored !== null) return of(answer(stored, response));
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const key: CommandKey = { scope, requestHash: hash, status, recorded: false };
    attachCommandKey(principal, key);
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        // A path that wrote nothing keyed (e.g. an agency's repeated completion answered from the step):
        // keep its answer now, as other routes do.
        if (!key.recorded) {
          await this.repository.recordOnce(scope, hash, {
            status: response.statusCode,
            body,
            headers: replayableHeaders(response),
          });
        }
        return body;
      }),
      catchError((error: unknown) => {
        if (error instanceof StoredAnswer) return of(replay(response, error.response));
        // Refused because the first request with this key committed meanwhile (e.g. "task not active",
        // or "holds no open step" once that request ended the steps): that request's answer is this one's.
        if (
          !key.recorded &&
          error instanceof HttpException &&
          error.getStatus() >= 400 &&
          error.getStatus() < 500
        ) {
          return from(lookUpKey(this.db.query, scope, hash)).pipe(
            mergeMap((found) =>
              found?.kind === 'stored' ? of(replay(response, found.response)) : throwError(() => error),
            ),
          );
        }
        return throwError(() => error);
      }),
    );
  }
}

/** The answer to a key found stored before the command ran: its response, or why not. */
function answer(found: KeyReservation, response: FastifyReply): unknown {
  switch (found.kind) {
    case 'stored':
      return replay(response, found.response);
    case 'mismatch':
      throw keyReused();
    case 'in-flight':
    case 'reserved':
      throw keyInFlight();
  }
}

/** Answers with a stored response (AuditInterceptor records it as `replayed`, by its header). */
function replay(response: FastifyReply, stored: StoredResponse): unknown {
  response.status(stored.status).headers(stored.headers).header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  // No body was recorded as NULL: none again (given null, Fastify would send `null`).
  return stored.body ?? undefined;
}

function replayableHeaders(response: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** Honours `Idempotency-Key` on a route that is not audited (audited ones have it with `@Audit`). */
export const Idempotent = (): MethodDecorator & ClassDecorator => UseInterceptors(IdempotencyInterceptor);
