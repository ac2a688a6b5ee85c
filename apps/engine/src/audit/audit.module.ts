import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditWriter } from './audit-writer';
import { AuditInterceptor } from './audit.interceptor';
import { AuditRepository } from './audit.repository';

/**
 * The audit log: who did what, when, for whom. Global: every audited route's interceptor (@Audit)
 * and the global AuthGuard (refused sign-ins) need AuditInterceptor and AuditWriter. Table: audit_log.
 */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditWriter, AuditInterceptor],
  exports: [AuditWriter, AuditInterceptor],
})
export class AuditModule {}
