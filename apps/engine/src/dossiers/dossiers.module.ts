import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { TasksModule } from '../tasks/tasks.module';
import { DossiersController } from './dossiers.controller';
import { DossiersRepository } from './dossiers.repository';
import { DossiersService } from './dossiers.service';
import { DossierViewService } from './dossier-view.service';
import { ReceptionGuidanceRepository } from './reception-guidance.repository';
import { ReceptionService } from './reception.service';

/** Dossiers: receiving one (starting its procedure), refusing one or guiding a supplement at the desk, reading, listing, cancelling, their history. */
@Module({
  imports: [RuntimeModule, TasksModule],
  controllers: [DossiersController],
  providers: [
    DossiersRepository,
    DossiersService,
    ReceptionGuidanceRepository,
    ReceptionService,
    DossierViewService,
  ],
  exports: [DossiersService],
})
export class DossiersModule {}
