import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type ProblemBody } from './problem-details.dto';
import { PROBLEM_CONTENT_TYPE } from './problem.exception';
import { toProblem } from './to-problem.util';

interface RequestLike {
  readonly method?: string;
  readonly url?: string;
  readonly originalUrl?: string;
  /** Set by pino-http. */
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

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<RequestLike>();
    const response = http.getResponse<unknown>();
    const { problem, internal } = toProblem(exception);
    const path = (request.originalUrl ?? request.url ?? '').split('?')[0];

    if (internal) {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(`${request.method ?? ''} ${path} failed: ${error.message}`, error.stack);
    }

    const adapter = this.adapterHost.httpAdapter;
    if (adapter.isHeadersSent(response)) {
      adapter.end(response);
      return;
    }
    const body: ProblemBody = {
      type: problem.type,
      title: problem.title,
      status: problem.getStatus(),
      detail: problem.detail,
      instance: path,
      ...problem.extra,
      ...(request.id === undefined ? {} : { requestId: String(request.id) }),
    };
    for (const [name, value] of Object.entries(problem.headers)) adapter.setHeader(response, name, value);
    adapter.setHeader(response, 'Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    adapter.status(response, body.status);
    // A string body: given an object, the Express adapter would reset the Content-Type to application/json.
    adapter.reply(response, JSON.stringify(body));
  }
}
