import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PinoLogger } from './pino-logger';

/**
 * The engine's logger (Nest's, on pino: see PinoLogger); `logRequests` adds one line per request.
 * No request context is carried into the services' lines (that would take an AsyncLocalStorage, whose
 * promise hooks cost every request on Node 20): lines about a request say its id themselves.
 */
@Global()
@Module({
  providers: [{ provide: PinoLogger, inject: [APP_CONFIG], useFactory: (c: AppConfig) => PinoLogger.of(c) }],
  exports: [PinoLogger],
})
export class LoggingModule {}
