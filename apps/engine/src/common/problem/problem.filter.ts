import { type ServerResponse } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { type ProblemBody } from './problem-details.dto';
import { PROBLEM_CONTENT_TYPE, type ProblemException } from './problem.exception';
import { toProblem } from './to-problem.util';

interface RequestLike {
  readonly method?: string;
  readonly url?: string;
  readonly originalUrl?: string;
  /** Fastify's request id (the request's log line's too). */
  readonly id?: string | number;
}

/**
 * Answers every error of an HTTP request with `application/problem+json` (RFC 7807):
 * `type`, `title`, `status`, `detail`, `instance` (the request path) and extension members
 * (`errors`, `code`, `requestId`...). Server faults get a generic detail; their error is logged.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<RequestLike>();
    const { problem, internal } = toProblem(exception);
    if (internal) {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(`${request.method ?? ''} ${pathOf(request)} failed: ${error.message}`, error.stack);
    }
    // A Fastify reply; Node's response for an error thrown by a Nest middleware.
    sendProblem(request, http.getResponse<FastifyReply | ServerResponse>(), problem);
  }
}

function pathOf(request: RequestLike): string {
  return (request.originalUrl ?? request.url ?? '').split('?')[0] ?? '';
}

/** Sends `problem` as the answer to `request` (or ends a response whose headers went already). */
export function sendProblem(
  request: RequestLike,
  response: FastifyReply | ServerResponse,
  problem: ProblemException,
): void {
  const raw = 'raw' in response ? response.raw : response;
  if (raw.headersSent || ('sent' in response && response.sent)) {
    raw.end();
    return;
  }
  const body: ProblemBody = {
    type: problem.type,
    title: problem.title,
    status: problem.getStatus(),
    detail: problem.detail,
    instance: pathOf(request),
    ...problem.extra,
    ...(request.id === undefined ? {} : { requestId: String(request.id) }),
  };
  const headers = { ...problem.headers, 'Content-Type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8` };
  // A string body: given an object, Fastify would send it as application/json.
  const json = JSON.stringify(body);
  if ('raw' in response) {
    void response.headers(headers).status(body.status).send(json);
  } else {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.statusCode = body.status;
    response.end(json);
  }
}
