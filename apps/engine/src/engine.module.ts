import { Module } from '@nestjs/common';
import { DefinitionsController } from './definitions/definitions.controller';
import { DefinitionsService } from './definitions/definitions.service';
import { DossiersController } from './dossiers/dossiers.controller';
import { DossiersService } from './dossiers/dossiers.service';
import { JobWorker } from './jobs/job-worker.service';
import { MessagesController } from './messages/messages.controller';
import { Clock } from './runtime/clock';
import { DefinitionCache } from './runtime/definition-cache';
import { DomainEvents } from './runtime/domain-events';
import { ProcessRuntime } from './runtime/process-runtime.service';
import { SeedService } from './seed/seed.service';
import { ExternalTasksController, TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';

/** The process engine: definitions, dossiers, tasks, messages, timers. */
@Module({
  controllers: [
    DefinitionsController,
    DossiersController,
    TasksController,
    ExternalTasksController,
    MessagesController,
  ],
  providers: [
    Clock,
    DefinitionCache,
    DomainEvents,
    ProcessRuntime,
    DefinitionsService,
    DossiersService,
    TasksService,
    JobWorker,
    SeedService,
  ],
  exports: [ProcessRuntime, DomainEvents, Clock, JobWorker, DefinitionsService],
})
export class EngineModule {}
