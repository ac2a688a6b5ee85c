import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { EntityNotFoundError, OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import { type FieldError, ProblemException } from './problem.exception';

/** Slugs and titles of the statuses that have no more specific problem. */
const STATUS_PROBLEMS: Readonly<Record<number, readonly [slug: string, title: string]>> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Resource not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict with the current state'],
  410: ['gone', 'Gone'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Request body too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable-entity', 'Unprocessable request'],
  428: ['precondition-required', 'Precondition required'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal-error', 'Internal server error'],
  501: ['not-implemented', 'Not implemented'],
  503: ['service-unavailable', 'Service unavailable'],
};

export function statusProblem(status: number): readonly [slug: string, title: string] {
  const known = STATUS_PROBLEMS[status];
  if (known) return known;
  const title = STATUS_CODES[status] ?? (status >= 500 ? 'Server error' : 'Client error');
  return [
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
    title,
  ];
}

/** PostgreSQL SQLSTATEs answered with 409: the client may retry, or must resolve a conflict. */
const PG_CONFLICTS: Readonly<Record<string, readonly [slug: string, detail: string]>> = {
  '40001': ['serialization-conflict', 'The request conflicted with a concurrent change; retry it.'],
  '40P01': ['serialization-conflict', 'The request conflicted with a concurrent change; retry it.'],
  '55P03': ['resource-locked', 'The resource is being changed by another request; retry it.'],
  '23505': ['duplicate', 'A resource with the same unique attributes already exists.'],
};

/** The SQLSTATE of a failed query (TypeORM wraps the pg error in `QueryFailedError.driverError`). */
export function sqlState(error: unknown): string | undefined {
  const source = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const code = (source as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * The database is away (stopped, restarting, failing over, unreachable): the request may be retried
 * later. SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, cannot
 * connect now), socket errors, and node-postgres's own errors for a connection that ended or never came.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const source = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  if (source === null || typeof source !== 'object') return false;
  const code = (source as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (/^(08...|57P0[1-3])$/.test(code)) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code))
      return true;
  }
  const message = (source as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/.test(
      message,
    )
  );
}

/** Seconds a client is asked to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** `http-errors` as thrown by body-parser and Express (status, expose, and body-parser's `type`). */
interface HttpErrorLike {
  readonly status: number;
  readonly expose?: boolean;
  readonly type?: string;
  readonly message: string;
}

function isHttpErrorLike(error: unknown): error is HttpErrorLike {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 600;
}

/**
 * The 4xx status of an `http-errors` error, or of one of Fastify's own (`FST_ERR_...`, with a `statusCode`:
 * e.g. 415 for a Content-Type header it cannot parse).
 */
function clientErrorStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, statusCode, code } = error as { status?: unknown; statusCode?: unknown; code?: unknown };
  const fastify = typeof code === 'string' && code.startsWith('FST_');
  const value = typeof status === 'number' ? status : fastify ? statusCode : undefined;
  return typeof value === 'number' && value >= 400 && value < 500 ? value : undefined;
}

/** Maps body-parser failures (too large, malformed JSON, unsupported charset...) to problems. */
export function bodyParserProblem(error: unknown): ProblemException | undefined {
  if (!isHttpErrorLike(error) || error.type === undefined) return undefined;
  switch (error.type) {
    case 'entity.too.large':
      return ProblemException.of(
        413,
        'payload-too-large',
        'Request body too large',
        'The request body exceeds the size limit.',
        {
          extra: { limit: (error as { limit?: unknown }).limit },
          cause: error,
        },
      );
    case 'entity.parse.failed':
      return ProblemException.of(
        400,
        'malformed-body',
        'Malformed request body',
        `The body is not valid JSON: ${error.message}`,
        {
          cause: error,
        },
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return ProblemException.of(415, 'unsupported-media-type', 'Unsupported media type', error.message, {
        cause: error,
      });
    default: {
      const [slug, title] = statusProblem(error.status);
      return ProblemException.of(
        error.status,
        slug,
        title,
        error.expose === false ? undefined : error.message,
        {
          cause: error,
        },
      );
    }
  }
}

/**
 * Turns anything thrown while serving a request into a ProblemException. `internal` marks the ones that
 * are the server's fault (5xx): their detail is generic and the original error must be logged.
 */
export function toProblem(error: unknown): {
  readonly problem: ProblemException;
  readonly internal: boolean;
} {
  if (error instanceof ProblemException) return { problem: error, internal: error.getStatus() >= 500 };
  if (error instanceof HttpException)
    return { problem: fromHttpException(error), internal: error.getStatus() >= 500 };

  const parsed = bodyParserProblem(error);
  if (parsed) return { problem: parsed, internal: parsed.getStatus() >= 500 };

  if (error instanceof EntityNotFoundError) {
    return {
      problem: ProblemException.of(
        404,
        'not-found',
        'Resource not found',
        'The requested resource was not found.',
        {
          cause: error,
        },
      ),
      internal: false,
    };
  }
  if (error instanceof OptimisticLockVersionMismatchError) {
    return {
      problem: ProblemException.of(
        409,
        'version-conflict',
        'Conflict with the current state',
        'The resource was changed by another request; reload it and retry.',
        { cause: error },
      ),
      internal: false,
    };
  }
  const state = sqlState(error);
  const pgConflict = state === undefined ? undefined : PG_CONFLICTS[state];
  if (pgConflict) {
    return {
      problem: ProblemException.of(409, pgConflict[0], 'Conflict with the current state', pgConflict[1], {
        cause: error,
      }),
      internal: false,
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      problem: ProblemException.of(
        503,
        'database-unavailable',
        'Service unavailable',
        'The database is not reachable at the moment. Retry shortly; with the same Idempotency-Key, a command that took effect before the outage is answered, not run again.',
        { cause: error, headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) } },
      ),
      internal: false,
    };
  }
  const clientStatus = clientErrorStatus(error);
  if (clientStatus !== undefined) {
    const [slug, title] = statusProblem(clientStatus);
    return {
      problem: ProblemException.of(
        clientStatus,
        slug,
        title,
        (error as Partial<HttpErrorLike>).expose === false ? undefined : (error as Error).message,
        {
          cause: error,
        },
      ),
      internal: false,
    };
  }
  return {
    problem: ProblemException.of(
      500,
      'internal-error',
      'Internal server error',
      'An unexpected error occurred.',
      {
        cause: error,
      },
    ),
    internal: true,
  };
}

/** A Nest HttpException (NotFoundException, the router's 404, a guard's 403...) as a problem. */
function fromHttpException(error: HttpException): ProblemException {
  const status = error.getStatus();
  const [slug, title] = statusProblem(status);
  const response = error.getResponse();
  let detail: string | undefined;
  let errors: FieldError[] | undefined;
  if (typeof response === 'string') {
    detail = response;
  } else {
    const message = (response as { message?: unknown }).message;
    if (typeof message === 'string') detail = message;
    if (Array.isArray(message)) {
      // Shape of Nest's default ValidationPipe errors: a list of sentences.
      errors = message.map((text) => ({ path: '', message: String(text) }));
      detail = 'The request is invalid.';
    }
  }
  if (status >= 500) detail = status === 500 ? 'An unexpected error occurred.' : detail;
  return ProblemException.of(status, slug, title, detail, {
    extra: errors === undefined ? undefined : { errors },
    cause: error,
  });
}
