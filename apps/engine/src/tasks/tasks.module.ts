import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { SavedFiltersController } from './saved-filters.controller';
import { SavedFiltersRepository } from './saved-filters.repository';
import { SavedFiltersService } from './saved-filters.service';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';
import { UnitSummaryController } from './unit-summary.controller';

/**
 * The officers' steps (user tasks): inboxes (with their saved filters), claim and assign, completion
 * with a form, supplement requests, sending back, and the leader's summary of the unit.
 */
@Module({
  imports: [RuntimeModule],
  controllers: [TasksController, UnitSummaryController, SavedFiltersController],
  providers: [TasksRepository, TasksService, SavedFiltersRepository, SavedFiltersService],
  exports: [TasksService],
})
export class TasksModule {}
