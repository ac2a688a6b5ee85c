import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { TasksModule } from '../tasks/tasks.module';
import { CamundaCompatController } from './camunda-compat.controller';
import { ExternalTasksController } from './external-tasks.controller';
import { ExternalTasksRepository } from './external-tasks.repository';
import { ExternalTasksService } from './external-tasks.service';
import { IncidentsController } from './incidents.controller';

/**
 * Steps done by agency systems (external tasks): fetch-and-lock with long polling, completion,
 * failures and incidents, and the Camunda 7 compatible API for existing workers.
 */
@Module({
  imports: [RuntimeModule, TasksModule],
  controllers: [ExternalTasksController, IncidentsController, CamundaCompatController],
  providers: [ExternalTasksRepository, ExternalTasksService],
  exports: [ExternalTasksService],
})
export class ExternalTasksModule {}
