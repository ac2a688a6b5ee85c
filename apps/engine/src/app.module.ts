import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { CalendarModule } from './calendar/calendar.module';
import { ClockModule } from './common/clock/clock.module';
import { CommonModule } from './common/common.module';
import { LoggingModule } from './common/logging/logging.module';
import { type AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DefinitionsModule } from './definitions/definitions.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { ExternalTasksModule } from './external-tasks/external-tasks.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { JobsModule } from './jobs/jobs.module';
import { LiveModule } from './live/live.module';
import { MessagesModule } from './messages/messages.module';
import { MetricsModule } from './metrics/metrics.module';
import { PublicModule } from './public/public.module';
import { ReportsModule } from './reports/reports.module';
import { SeedModule } from './seed/seed.module';
import { TasksModule } from './tasks/tasks.module';
import { VersionMigrationModule } from './version-migration/version-migration.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { DraftsModule } from './drafts/drafts.module';

export type ModuleImport = NonNullable<ModuleMetadata['imports']>[number];

@Module({
  imports: [
    HealthModule,
    MetricsModule,
    // Domain modules (entities in database/entities.ts, migrations in database/migrations/index.ts)
    // are added in register(), as the deadlines module depends on the configuration.
  ],
})
export class AppModule {
  /**
   * The root module: the platform (validated config, logging, database, HTTP conventions, clock)
   * around one module per bounded context (docs/architecture.md), plus `extraImports` (e.g. a
   * test-only controller module).
   */
  static register(config: AppConfig, extraImports: readonly ModuleImport[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        DatabaseModule,
        CommonModule,
        ClockModule,
        AuditModule,
        IdentityModule,
        CalendarModule,
        WebhooksModule,
        DraftsModule,
        DefinitionsModule,
        VersionMigrationModule,
        DossiersModule,
        TasksModule,
        ExternalTasksModule,
        MessagesModule,
        DeadlinesModule.register(config),
        JobsModule,
        LiveModule,
        PublicModule,
        ReportsModule,
        SeedModule,
        ...extraImports,
      ],
    };
  }
}
