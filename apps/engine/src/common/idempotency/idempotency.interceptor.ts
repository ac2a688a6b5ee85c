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
import { defer, lastValueFrom, type Observable } from 'rxjs';
import { Db } from '../../database/db.service';
import { PRINCIPAL, type Principal, type RequestWithPrincipal } from '../../identity/principal';
import { perRoute } from '../http/route-metadata';
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

/** What a route says of its command: read once per handler, not per request. */
interface CommandRoute {
  readonly keyInCommand: boolean;
  /** `@HttpCode`, if any: the status of a success. */
  readonly status: number | undefined;
}

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
  private readonly routeOf = perRoute((handler): CommandRoute => ({
    keyInCommand: this.reflector.get<boolean | undefined>(KEY_IN_COMMAND, handler) === true,
    status: this.reflector.get<number | undefined>(HTTP_CODE_METADATA, handler),
  }));

  constructor(
    private readonly repository: IdempotencyRepository,
    private readonly reflector: Reflector,
    private readonly db: Db,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return defer(() => this.around(context, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  /**
   * The same as `intercept`, with promises: runs `handle` (the handler) unless a stored answer is the
   * request's, and gives its answer. CommandInterceptor composes it without an Observable per layer.
   */
  async around(context: ExecutionContext, handle: () => Promise<unknown>): Promise<unknown> {
    if (context.getType() !== 'http') return handle();
    const http = context.switchToHttp();
    const request = http.getRequest<IdempotentRequest>();
    const response = http.getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (request.method !== 'POST' || key === undefined) return handle();
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
    const route = this.routeOf(context.getHandler(), context.getClass());
    if (principal !== undefined && route.keyInCommand) {
      return this.inCommand(response, handle, principal, scope, hash, route.status);
    }

    const reservation = await this.repository.reserve(scope, hash, IDEMPOTENCY_STALE_AFTER_MS);
    switch (reservation.kind) {
      case 'mismatch':
        throw keyReused();
      case 'in-flight':
        throw keyInFlight();
      case 'replay':
        return replay(response, reservation.response);
      case 'reserved': {
        const id = reservation.id;
        try {
          const body = await handle();
          await this.repository.complete(id, {
            status: response.statusCode,
            body,
            headers: replayableHeaders(response),
          });
          return body;
        } catch (error) {
          await this.repository.release(id);
          throw error;
        }
      }
    }
  }

  /** A command that keeps its key in its own transaction (see command-key.ts). */
  private async inCommand(
    response: FastifyReply,
    handle: () => Promise<unknown>,
    principal: Principal,
    scope: IdempotencyScope,
    hash: string,
    successStatus: number | undefined,
  ): Promise<unknown> {
    const stored = await lookUpKey(this.db.query, scope, hash);
    if (stored !== null) return answer(stored, response);
    const key: CommandKey = { scope, requestHash: hash, status: successStatus ?? 201, recorded: false };
    attachCommandKey(principal, key);
    try {
      const body = await handle();
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
    } catch (error) {
      if (error instanceof StoredAnswer) return replay(response, error.response);
      // Refused because the first request with this key committed meanwhile (e.g. "task not active",
      // or "holds no open step" once that request ended the steps): that request's answer is this one's.
      if (
        !key.recorded &&
        error instanceof HttpException &&
        error.getStatus() >= 400 &&
        error.getStatus() < 500
      ) {
        const found = await lookUpKey(this.db.query, scope, hash);
        if (found?.kind === 'stored') return replay(response, found.response);
      }
      throw error;
    }
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
