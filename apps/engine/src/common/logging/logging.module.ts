import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { type LoggerOptions } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';

/** The level and output of every pino logger of the engine: pretty in development, JSON lines otherwise. */
export function pinoOptions(config: AppConfig): Pick<LoggerOptions, 'level' | 'transport'> {
  return {
    level: config.logLevel,
    transport:
      config.mode === 'development'
        ? {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          }
        : undefined,
  };
}

/** pino for the Nest logger and one log line per request: pretty in development, JSON otherwise. */
export function loggerParams(config: AppConfig): Params {
  return {
    // Every route (under the global prefix); nestjs-pino's default '*' is legacy syntax for Nest 11.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      ...pinoOptions(config),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-api-key"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
      // No genReqId: `req.id` is Fastify's request id (see request-id.ts), which @fastify/middie sets.
      customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
        error !== undefined || response.statusCode >= 500 ? 'error' : 'info',
      // The middleware sees `url` stripped of the path it is mounted on (@fastify/middie); the request's
      // own is `originalUrl`.
      autoLogging: {
        ignore: (request: IncomingMessage & { originalUrl?: string }) =>
          (request.originalUrl ?? request.url) === '/api/v1/health',
      },
    },
  };
}

@Module({
  imports: [LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: loggerParams })],
})
export class LoggingModule {}
