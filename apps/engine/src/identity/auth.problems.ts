import { ProblemException } from '../common/problem/problem.exception';

/** 401: no or bad credentials. `WWW-Authenticate` tells clients which scheme to use. */
export function unauthorized(detail: string, code = 'UNAUTHENTICATED'): ProblemException {
  return new ProblemException({
    status: 401,
    slug: 'unauthenticated',
    title: 'Authentication required',
    detail,
    extra: { code },
    headers: { 'WWW-Authenticate': 'Bearer realm="lienthong"' },
  });
}

/** 403: authenticated, but this principal may not do this. Nothing was changed. */
export function forbidden(detail: string, code = 'FORBIDDEN'): ProblemException {
  return new ProblemException({
    status: 403,
    slug: 'forbidden',
    title: 'Forbidden',
    detail,
    extra: { code },
  });
}
