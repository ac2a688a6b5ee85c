import { type FastifyInstance } from 'fastify';
import { ProblemException } from '../problem/problem.exception';
import { sendProblem } from '../problem/problem.filter';

/**
 * A graceful stop: once `closing()` is called (on SIGTERM/SIGINT, before Nest closes the application),
 * a new request is answered 503 with `Connection: close` (a load balancer tries another engine; the
 * readiness check says the same), while the requests under way finish and answer; then Nest closes the
 * HTTP server, which waits for them (Fastify's `forceCloseConnections: 'idle'`), and only then the
 * jobs, listeners and the database pool.
 */
export function refuseRequestsWhenClosing(fastify: FastifyInstance): { closing(): void } {
  let closing = false;
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    sendProblem(
      request,
      reply,
      ProblemException.of(
        503,
        'shutting-down',
        'Service unavailable',
        'This engine process is stopping; retry.',
        {
          headers: { 'Retry-After': '1' },
        },
      ),
    );
  });
  return {
    closing: () => {
      closing = true;
    },
  };
}
