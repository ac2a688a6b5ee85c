import { type FastifyInstance } from 'fastify';
import { type Logger as Pino } from 'pino';
import { observeRequest } from '../metrics/engine-metrics';

/** The dossier code a request's line names (set by AuditInterceptor from a command's answer). */
const dossierCodes = new WeakMap<object, string>();

/** Names the dossier a request acted on in its log line. */
export function noteDossierCode(request: object, code: string): void {
  dossierCodes.set(request, code);
}

/** Routes not logged: the health check, which load balancers call every few seconds. */
const QUIET_ROUTES = new Set(['/api/v1/health']);

/**
 * One log line per answered request (and its observation in `lt_http_request_duration_seconds`): `{"req":{"id","method","url","remoteAddress"},"res":{"statusCode"},
 * "responseTime":ms,"dossier"?:code,"msg":"request completed"}` (`dossier`: the code of the dossier a command acted on), at `error` for a 5xx, else `info`. Headers are not logged
 * (no credential can leak into the logs); the request id is the X-Request-Id the answer carries.
 */
export function logRequests(fastify: FastifyInstance, pino: Pino): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    observeRequest(request.method, request.routeOptions.url ?? 'unmatched', status, reply.elapsedTime / 1000);
    const level = status >= 500 ? 'error' : 'info';
    if (pino.isLevelEnabled(level) && !QUIET_ROUTES.has(request.routeOptions.url ?? '')) {
      pino[level](
        {
          req: { id: request.id, method: request.method, url: request.url, remoteAddress: request.ip },
          res: { statusCode: status },
          responseTime: Math.round(reply.elapsedTime),
          ...(dossierCodes.has(request) ? { dossier: dossierCodes.get(request) } : {}),
        },
        'request completed',
      );
    }
    done();
  });
}
