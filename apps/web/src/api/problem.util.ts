import type { ProblemFieldErrorLike, ProblemLike } from '../errors/problem-messages.util';
import { GENERIC_ERROR, problemMessage } from '../errors/problem-messages.util';

/** A refused or failed API call: the engine's problem (null when no answer came), with its Vietnamese message. */
export class ApiError extends Error {
  constructor(
    readonly problem: ProblemLike | null,
    readonly status: number | null,
  ) {
    super(problemMessage(problem));
    this.name = 'ApiError';
  }
}

/** The problem of an answer's error body, as openapi-fetch gives it (any JSON, or nothing). */
export function asProblem(body: unknown, status: number): ProblemLike {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    return {
      type: typeof b['type'] === 'string' ? b['type'] : undefined,
      status: typeof b['status'] === 'number' ? b['status'] : status,
      detail: typeof b['detail'] === 'string' ? b['detail'] : undefined,
      code: typeof b['code'] === 'string' ? b['code'] : undefined,
      errors: Array.isArray(b['errors']) ? b['errors'].filter(isFieldError) : undefined,
    };
  }
  return { status };
}

/** The data of an openapi-fetch answer, or an ApiError. */
export function dataOrThrow<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(asProblem(result.error, result.response.status), result.response.status);
  }
  return result.data as T;
}

function isFieldError(e: unknown): e is ProblemFieldErrorLike {
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}

/**
 * What to tell the person about a failed call: the engine's refusal in Vietnamese, or, when no
 * answer came (fetch rejects with a TypeError: network down, connection reset), that the server
 * could not be reached.
 */
export function failureMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return problemMessage(null);
  return GENERIC_ERROR;
}
