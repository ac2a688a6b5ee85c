import { parse as parseQuery } from 'node:querystring';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import etag from 'etag';
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import fresh from 'fresh';
import { type AppConfig } from '../../config/app-config';
import { REQUEST_ID_HEADER, requestIdFor } from '../logging/request-id';
import { badRequest } from '../problem/problem.exception';
import { sendProblem } from '../problem/problem.filter';
import { toProblem } from '../problem/to-problem.util';

/** The Fastify server, set to answer as the engine did on Express and Node's HTTP server defaults. */
export function fastifyOptions(config: AppConfig): FastifyServerOptions {
  return {
    // `request.ip` is the peer's address (audit records, sign-in sessions, the login rate limit), never
    // X-Forwarded-For: Express's default "trust proxy" false.
    trustProxy: false,
    // app.close() ends idle keep-alive connections at once and waits for the requests under way (see shutdown.ts).
    forceCloseConnections: 'idle',
    // Node's defaults (Fastify's own: a 72 s keep-alive, no request timeout).
    keepAliveTimeout: 5_000,
    requestTimeout: 300_000,
    bodyLimit: config.http.bodyLimitBytes,
    // The caller's X-Request-Id or a UUID: in problems, audit records and the logs.
    genReqId: requestIdFor,
    // A path Fastify cannot decode (`/dossiers/%ZZ`): a 400 problem, as Express's router answered.
    frameworkErrors: (error, request, reply) => {
      reply.header(REQUEST_ID_HEADER, request.id);
      sendProblem(
        request,
        reply,
        error.code === 'FST_ERR_BAD_URL'
          ? badRequest(`Failed to decode param '${undecodableSegment(request.url)}'`)
          : toProblem(error).problem,
      );
    },
    routerOptions: {
      // Express routing: /API/V1/Health and /api/v1/health/ are /api/v1/health (parameters keep their case),
      // parameters of any length, and Express's query parser (node:querystring).
      caseSensitive: false,
      ignoreTrailingSlash: true,
      maxParamLength: Number.MAX_SAFE_INTEGER,
      querystringParser: (query: string) => parseQuery(query),
    },
  };
}

function undecodableSegment(url: string): string {
  const segments = (url.split('?')[0] ?? '').split('/');
  return (
    segments.find((segment) => {
      try {
        decodeURIComponent(segment);
        return false;
      } catch {
        return true;
      }
    }) ?? url
  );
}

const CHARSET = /;\s*charset=/i;

/**
 * What Express's `res.send` did to every answer with a body, kept: a string body is UTF-8 and its
 * Content-Type says so; the answer to a GET or HEAD gets a weak ETag, and is a 304 without a body when the
 * request's If-None-Match (or If-Modified-Since) still matches. (Express put ETags on every answer.) A Buffer (the Camunda fetch-and-lock answer, which went
 * out with `res.end` on Express) and a stream (Swagger UI's files, with ETags of their own) go as they are.
 */
export function configureResponses(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      if (typeof payload !== 'string') {
        done(null, payload);
        return;
      }
      const type = reply.getHeader('content-type');
      if (typeof type === 'string' && !CHARSET.test(type))
        reply.header('content-type', `${type}; charset=utf-8`);
      // Only reads get one: a validator is for caching and conditional requests, and the answer to a
      // command is neither (hashing it cost every command a SHA-1 of its body).
      const read = request.method === 'GET' || request.method === 'HEAD';
      if (read && reply.getHeader('etag') === undefined) reply.header('etag', etag(payload, { weak: true }));
      if (read && isFresh(request, reply)) {
        // No body, and so no Content-Length either.
        reply.code(304).removeHeader('content-type');
        done(null, null);
        return;
      }
      done(null, payload);
    });
}

/** Express's `req.fresh`: the client's cached copy of this GET or HEAD answer is still good. */
function isFresh(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const status = reply.statusCode;
  if ((status < 200 || status >= 300) && status !== 304) return false;
  return fresh(request.headers, {
    etag: reply.getHeader('etag') as string | undefined,
    'last-modified': reply.getHeader('last-modified') as string | undefined,
  });
}
