import { HttpException } from '@nestjs/common';

/** `type` of every problem is `${PROBLEM_TYPE_BASE}<slug>`. */
export const PROBLEM_TYPE_BASE = 'https://lienthong.vn/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(slug: string): string {
  return `${PROBLEM_TYPE_BASE}${slug}`;
}

/** One invalid input, e.g. `{ path: 'applicant.idNumber', message: 'must be 12 digits' }`. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface ProblemInit {
  readonly status: number;
  /** kebab-case identifier of the kind of problem, e.g. `version-conflict`: becomes the `type` URI. */
  readonly slug: string;
  /** Short summary of the kind of problem, the same for every occurrence. */
  readonly title: string;
  /** This occurrence, in words a client may show. Never internals (SQL, stack, file paths). */
  readonly detail?: string;
  /** Extension members added to the body, e.g. `{ code, errors, dossierId }`. */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** Response headers, e.g. `{ 'Retry-After': '1' }`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/** Optional knobs of the helpers below. */
export interface ProblemOptions {
  /** Overrides the default slug, e.g. `dossier-closed` instead of `conflict`. */
  readonly slug?: string;
  readonly title?: string;
  /** A stable machine-readable code for clients (e.g. `DOSSIER_CLOSED`). */
  readonly code?: string;
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

/**
 * An error answered as RFC 7807 `application/problem+json` by the global ProblemFilter.
 * Domain code throws it (usually through `notFound`, `conflict`, `badRequest`, `unprocessable`);
 * it is an HttpException, so the rest of Nest treats it as one.
 */
export class ProblemException extends HttpException {
  readonly slug: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly extra: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(init: ProblemInit) {
    super(
      {
        type: problemType(init.slug),
        title: init.title,
        status: init.status,
        detail: init.detail,
        ...init.extra,
      },
      init.status,
      { cause: init.cause, description: init.detail },
    );
    this.name = 'ProblemException';
    this.message = init.detail ?? init.title;
    this.slug = init.slug;
    this.title = init.title;
    this.detail = init.detail;
    this.extra = init.extra ?? {};
    this.headers = init.headers ?? {};
  }

  get type(): string {
    return problemType(this.slug);
  }

  static of(
    status: number,
    slug: string,
    title: string,
    detail?: string,
    options: ProblemOptions = {},
  ): ProblemException {
    return new ProblemException({
      status,
      slug: options.slug ?? slug,
      title: options.title ?? title,
      detail,
      extra: { ...(options.code === undefined ? {} : { code: options.code }), ...options.extra },
      headers: options.headers,
      cause: options.cause,
    });
  }
}

/** 404: `notFound('Dossier', id)` -> "Dossier 'H01.2025.000123' was not found." */
export function notFound(what: string, id?: string | number, options?: ProblemOptions): ProblemException {
  const detail = id === undefined ? `${what} was not found.` : `${what} '${id}' was not found.`;
  return ProblemException.of(404, 'not-found', 'Resource not found', detail, {
    ...options,
    extra: { resource: what, ...(id === undefined ? {} : { id: String(id) }), ...options?.extra },
  });
}

/** 409: the request conflicts with the current state (a concurrent change, a closed dossier...). */
export function conflict(detail: string, options?: ProblemOptions): ProblemException {
  return ProblemException.of(409, 'conflict', 'Conflict with the current state', detail, options);
}

/** 400: the request itself is malformed or invalid. */
export function badRequest(
  detail: string,
  errors?: readonly FieldError[],
  options?: ProblemOptions,
): ProblemException {
  return ProblemException.of(400, 'bad-request', 'Bad request', detail, withErrors(errors, options));
}

/** 422: well-formed, but breaks a domain rule (e.g. a BPMN model that fails validation). */
export function unprocessable(
  detail: string,
  errors?: readonly FieldError[],
  options?: ProblemOptions,
): ProblemException {
  return ProblemException.of(
    422,
    'unprocessable-entity',
    'Unprocessable request',
    detail,
    withErrors(errors, options),
  );
}

function withErrors(
  errors: readonly FieldError[] | undefined,
  options: ProblemOptions | undefined,
): ProblemOptions {
  return errors === undefined ? { ...options } : { ...options, extra: { errors, ...options?.extra } };
}
