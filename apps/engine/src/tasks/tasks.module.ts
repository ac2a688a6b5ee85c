import { Module } from '@nestjs/common';
import { RuntimeModule } from '../runtime/runtime.module';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

/** The officers' steps (user tasks): inboxes, claim and assign, completion with a form. */
@Module({
  imports: [RuntimeModule],
  controllers: [TasksController],
  providers: [TasksRepository, TasksService],
  exports: [TasksService],
})
export class TasksModule {}
