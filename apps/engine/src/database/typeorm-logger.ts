import { Logger } from '@nestjs/common';
import { type Logger as TypeOrmLoggerContract } from 'typeorm';

/**
 * TypeORM's log lines through the Nest logger (hence pino), without query parameters (personal data).
 * Failed queries go to debug: the ProblemFilter maps them (409...) or logs them as 500s.
 */
export class TypeOrmNestLogger implements TypeOrmLoggerContract {
  private readonly logger = new Logger('TypeORM');

  logQuery(query: string): void {
    this.logger.verbose(query);
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug(`Query failed (${typeof error === 'string' ? error : error.message}): ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`Slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
