import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import pino from 'pino';
import { loadAppConfig } from '../../config/load-app-config.util';
import { PinoLogger } from './pino-logger';

function capture(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: new PinoLogger(pino({ level }, stream)), lines };
}

const fields = (line: Record<string, unknown>) => {
  const { time: _time, pid: _pid, hostname: _hostname, ...rest } = line;
  return rest;
};

describe('PinoLogger', () => {
  it("writes Nest's calls as pino lines with their context", () => {
    const { logger, lines } = capture();
    logger.log('Đã khởi động', 'Bootstrap');
    logger.warn('LISTEN lost', 'JobWorker');
    logger.error('Webhook loop: boom', 'at x.js:1', 'WebhookDispatcher');
    logger.error('No stack', 'Revocations');
    logger.log({ dossiers: 3, msg: 'seeded' }, 'Seed');
    expect(lines.map(fields)).toEqual([
      { level: 30, context: 'Bootstrap', msg: 'Đã khởi động' },
      { level: 40, context: 'JobWorker', msg: 'LISTEN lost' },
      { level: 50, context: 'WebhookDispatcher', stack: 'at x.js:1', msg: 'Webhook loop: boom' },
      { level: 50, context: 'Revocations', msg: 'No stack' },
      { level: 30, context: 'Seed', dossiers: 3, msg: 'seeded' },
    ]);
  });

  it('keeps an Error with its stack, and skips levels that are off', () => {
    const { logger, lines } = capture('warn');
    logger.log('not written', 'X');
    logger.debug('not written', 'X');
    logger.verbose('not written', 'X');
    logger.error(new Error('hỏng'), 'Calendar');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      context: 'Calendar',
      msg: 'hỏng',
      err: { type: 'Error', message: 'hỏng', stack: expect.stringContaining('Error: hỏng') },
    });
  });

  it("writes Nest's per-module and per-route start-up lines at debug level", () => {
    const { logger, lines } = capture();
    logger.log('ConfigModule dependencies initialized', 'InstanceLoader');
    logger.log('HealthController {/api/v1/health}:', 'RoutesResolver');
    logger.log('Mapped {/api/v1/health, GET} route', 'RouterExplorer');
    logger.log('Nest application successfully started', 'NestApplication');
    logger.warn('a warning keeps its level', 'RouterExplorer');
    expect(lines.map(fields)).toEqual([
      { level: 30, context: 'NestApplication', msg: 'Nest application successfully started' },
      { level: 40, context: 'RouterExplorer', msg: 'a warning keeps its level' },
    ]);

    const verbose = capture('debug');
    verbose.logger.log('Mapped {/api/v1/health, GET} route', 'RouterExplorer');
    expect(verbose.lines.map(fields)).toEqual([
      { level: 20, context: 'RouterExplorer', msg: 'Mapped {/api/v1/health, GET} route' },
    ]);
  });

  it('is one logger per configuration', () => {
    const config = loadAppConfig({ LT_MODE: 'test', LOG_LEVEL: 'silent' });
    expect(PinoLogger.of(config)).toBe(PinoLogger.of(config));
    expect(PinoLogger.of(config)).not.toBe(
      PinoLogger.of(loadAppConfig({ LT_MODE: 'test', LOG_LEVEL: 'silent' })),
    );
  });

  it("serves Nest's Logger instances once installed", () => {
    const { logger, lines } = capture();
    Logger.overrideLogger(logger);
    try {
      new Logger('Cluster').log('2 engine processes');
      new Logger('Cluster').error('worker 2 died');
    } finally {
      Logger.overrideLogger(new Logger());
    }
    expect(lines.map(fields)).toEqual([
      { level: 30, context: 'Cluster', msg: '2 engine processes' },
      { level: 50, context: 'Cluster', msg: 'worker 2 died' },
    ]);
  });
});
