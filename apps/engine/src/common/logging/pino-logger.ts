import { type LoggerService } from '@nestjs/common';
import pino, { type Logger as Pino, type LoggerOptions } from 'pino';
import { type AppConfig } from '../../config/app-config';

/** The level and output of every pino logger of the engine: pretty in development, JSON lines otherwise. */
function pinoOptions(config: AppConfig): Pick<LoggerOptions, 'level' | 'transport'> {
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

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's contexts that log one line per module (`… dependencies initialized`) and per route (`Mapped
 * {…} route`) at every start: some hundred lines that say nothing the OpenAPI document does not. They
 * are written at debug level (`LOG_LEVEL=debug` shows them).
 */
const NEST_BOOT_DETAIL: ReadonlySet<string> = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** One logger per configuration: the one Nest starts with is the one LoggingModule provides. */
const byConfig = new WeakMap<AppConfig, PinoLogger>();

/**
 * Nest's logger on pino: one line per message with its Nest context (`{"level":30,"context":"JobWorker",
 * "msg":…}`). Used by the engine processes and by the primary of ENGINE_WORKERS.
 *
 * Nest calls `log(message, context)`, `error(message, stack, context)` or `error(error, context)`; a
 * message may be a string, an Error or an object (its fields go into the line).
 */
export class PinoLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  static of(config: AppConfig): PinoLogger {
    let logger = byConfig.get(config);
    if (logger === undefined) {
      logger = new PinoLogger(pino(pinoOptions(config)));
      byConfig.set(config, logger);
    }
    return logger;
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  private write(asked: Level, message: unknown, rest: unknown[]): void {
    // The last string is Nest's context; a string before it (error) the stack.
    const strings = rest.filter((r): r is string => typeof r === 'string');
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? strings.pop() : undefined;
    const level =
      asked === 'info' && context !== undefined && NEST_BOOT_DETAIL.has(context) ? 'debug' : asked;
    if (!this.pino.isLevelEnabled(level)) return;
    const stack = level === 'error' || level === 'fatal' ? strings.pop() : undefined;
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      this.pino[level]({ context, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level](stack === undefined ? { context } : { context, stack }, String(message));
    }
  }
}
