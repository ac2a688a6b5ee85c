export * from './idempotency-key.entity';
export * from './idempotency.interceptor';
export * from './idempotency.module';
export * from './idempotency.repository';
export * from './request-hash.util';
export * from './command-key';
