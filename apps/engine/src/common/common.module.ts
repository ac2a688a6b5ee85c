import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { MediaTypeGuard } from './http/media-type.guard';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { ProblemFilter } from './problem/problem.filter';
import { createValidationPipe } from './validation/validation.pipe';

/**
 * The HTTP conventions of every endpoint, registered globally: problem+json errors, DTO validation,
 * accepted media types; and the Idempotency-Key interceptor and repository for the routes (see @Audit).
 */
@Global()
@Module({
  imports: [IdempotencyModule],
  providers: [
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_GUARD, useClass: MediaTypeGuard },
  ],
  exports: [IdempotencyModule],
})
export class CommonModule {}
