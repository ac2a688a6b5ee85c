import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { logRequests, noteDossierCode } from './request-log';

describe('logRequests', () => {
  it('writes one line per answered request, error for a 5xx, none for the health check, no headers', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const fastify = Fastify({ genReqId: () => 'req-1' });
    logRequests(fastify, pino({ level: 'info' }, stream));
    fastify.get('/api/v1/health', () => ({ status: 'ok' }));
    fastify.get('/api/v1/tasks/:id', () => ({ id: 't' }));
    fastify.post('/api/v1/boom', (_request, reply) => reply.code(503).send({ title: 'down' }));
    try {
      const headers = { authorization: 'Bearer secret-token', 'x-api-key': 'lt_secret' };
      await fastify.inject({ method: 'GET', url: '/api/v1/health', headers });
      await fastify.inject({ method: 'GET', url: '/api/v1/tasks/42?x=1', headers });
      await fastify.inject({ method: 'POST', url: '/api/v1/boom', headers });
    } finally {
      await fastify.close();
    }
    expect(lines.map(({ level, req, res, msg }) => ({ level, req, res, msg }))).toEqual([
      {
        level: 30,
        req: { id: 'req-1', method: 'GET', url: '/api/v1/tasks/42?x=1', remoteAddress: '127.0.0.1' },
        res: { statusCode: 200 },
        msg: 'request completed',
      },
      {
        level: 50,
        req: { id: 'req-1', method: 'POST', url: '/api/v1/boom', remoteAddress: '127.0.0.1' },
        res: { statusCode: 503 },
        msg: 'request completed',
      },
    ]);
    expect(lines.every((l) => typeof l['responseTime'] === 'number')).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('names the dossier a command acted on', async () => {
    // given a route whose command noted its dossier's code (as AuditInterceptor does from the answer)
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const fastify = Fastify();
    logRequests(fastify, pino({ level: 'info' }, stream));
    fastify.post('/api/v1/tasks/:id/complete', (request) => {
      noteDossierCode(request, '000.00.02.H20-261203-0001');
      return { ok: true };
    });
    fastify.get('/api/v1/tasks', () => []);
    try {
      // when
      await fastify.inject({ method: 'POST', url: '/api/v1/tasks/7/complete' });
      await fastify.inject({ method: 'GET', url: '/api/v1/tasks' });
    } finally {
      await fastify.close();
    }

    // then
    expect(lines.map((l) => l['dossier'])).toEqual(['000.00.02.H20-261203-0001', undefined]);
  });
});
