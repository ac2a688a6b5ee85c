import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyRepository } from './idempotency.repository';

/**
 * `Idempotency-Key` on POSTs: IdempotencyInterceptor, which every audited route uses (`@Audit`, see
 * audit/audit.decorator.ts), or `@Idempotent()` on a route of its own.
 */
@Module({
  providers: [IdempotencyRepository, IdempotencyInterceptor],
  exports: [IdempotencyRepository, IdempotencyInterceptor],
})
export class IdempotencyModule {}
