import { type LoggerService } from '@nestjs/common';
import pino, { type Logger as Pino } from 'pino';
import { type AppConfig } from '../../config/app-config';
import { pinoOptions } from './logging.module';

/**
 * Nest's logger for a process without a Nest application (the primary of ENGINE_WORKERS): the same pino
 * lines as the engine processes write (JSON, or pretty in development), with the Nest context.
 */
export class ProcessLogger implements LoggerService {
  private readonly pino: Pino;

  constructor(config: AppConfig) {
    this.pino = pino(pinoOptions(config));
  }

  log(message: unknown, context?: string): void {
    this.pino.info({ context }, String(message));
  }

  warn(message: unknown, context?: string): void {
    this.pino.warn({ context }, String(message));
  }

  error(message: unknown, stack?: string, context?: string): void {
    this.pino.error({ context, stack }, String(message));
  }

  fatal(message: unknown, context?: string): void {
    this.pino.fatal({ context }, String(message));
  }

  debug(message: unknown, context?: string): void {
    this.pino.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    this.pino.trace({ context }, String(message));
  }
}
