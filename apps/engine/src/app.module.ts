import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { CommonModule } from './common/common.module';
import { LoggingModule } from './common/logging/logging.module';
import { type AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EngineModule } from './engine.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { ClockModule } from './common/clock/clock.module';

export type ModuleImport = NonNullable<ModuleMetadata['imports']>[number];

@Module({
  imports: [
    HealthModule,
    // Domain modules (entities in database/entities.ts, migrations in database/migrations/index.ts)
    // are added in register(), as the engine module depends on the configuration.
  ],
})
export class AppModule {
  /**
   * The root module: the platform (validated config, logging, database, HTTP conventions) around the
   * modules listed above, plus `extraImports` (e.g. a test-only controller module).
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
        IdentityModule,
        EngineModule.register(config),
        ...extraImports,
      ],
    };
  }
}
