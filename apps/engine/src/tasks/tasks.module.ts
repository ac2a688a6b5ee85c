import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';
import { UnitSummaryController } from './unit-summary.controller';

/**
 * The officers' steps (user tasks): inboxes, claim and assign, completion with a form, supplement
 * requests, sending back, and the leader's summary of the unit.
 */
@Module({
  imports: [RuntimeModule],
  controllers: [TasksController, UnitSummaryController],
  providers: [TasksRepository, TasksService],
  exports: [TasksService],
})
export class TasksModule {}
