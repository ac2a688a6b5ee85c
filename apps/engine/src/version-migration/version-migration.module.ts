import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { VersionMigrationController } from './version-migration.controller';
import { VersionMigrationRepository } from './version-migration.repository';
import { VersionMigrationService } from './version-migration.service';

/** Moving running dossiers to another version of their procedure (instance migration). */
@Module({
  imports: [RuntimeModule],
  controllers: [VersionMigrationController],
  providers: [VersionMigrationRepository, VersionMigrationService],
})
export class VersionMigrationModule {}
