export * from './common.module';
export * from './http/consumes.decorator';
export * from './http/media-types';
export * from './idempotency';
export * from './pagination';
export * from './problem';
export * from './validation/validation.pipe';
