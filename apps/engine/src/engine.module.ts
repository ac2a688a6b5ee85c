import { type DynamicModule, Module } from '@nestjs/common';
import { CalendarModule } from './calendar/calendar.module';
import { CamundaCompatController } from './camunda/camunda-compat.controller';
import { CalendarService } from './calendar/calendar.service';
import type { AppConfig } from './config/app-config';
import { DeadlineRecomputer } from './deadlines/deadline-recomputer.service';
import { DeadlineSweeper } from './deadlines/deadline-sweeper.service';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { DeadlinesService } from './deadlines/deadlines.service';
import { TestClockController } from './deadlines/test-clock.controller';
import { DefinitionsController } from './definitions/definitions.controller';
import { DefinitionsService } from './definitions/definitions.service';
import { DossiersController } from './dossiers/dossiers.controller';
import { DossiersService } from './dossiers/dossiers.service';
import { JobWorker } from './jobs/job-worker.service';
import { MessagesController } from './messages/messages.controller';
import { MessagesService } from './messages/messages.service';
import { PublicLookupController } from './public/public-lookup.controller';
import { CalendarSource } from './runtime/calendar-source';
import { DefinitionCache } from './runtime/definition-cache';
import { HotCache } from './runtime/hot-cache';
import { DomainEvents } from './runtime/domain-events';
import { ProcessRuntime } from './runtime/process-runtime.service';
import { SeedService } from './seed/seed.service';
import { ExternalTasksService } from './tasks/external-tasks.service';
import { ExternalTasksController, IncidentsController, TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The process engine: definitions, dossiers, tasks, messages, timers and legal deadlines. */
@Module({})
export class EngineModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: EngineModule,
      imports: [CalendarModule, WebhooksModule],
      controllers: [
        DefinitionsController,
        DossiersController,
        DeadlinesController,
        TasksController,
        ExternalTasksController,
        IncidentsController,
        CamundaCompatController,
        MessagesController,
        PublicLookupController,
        // Moving the clock is for end-to-end tests only.
        ...(config.mode === 'test' ? [TestClockController] : []),
      ],
      providers: [
        { provide: CalendarSource, useExisting: CalendarService },
        DefinitionCache,
        HotCache,
        DomainEvents,
        ProcessRuntime,
        DefinitionsService,
        DossiersService,
        DeadlinesService,
        DeadlineSweeper,
        DeadlineRecomputer,
        TasksService,
        ExternalTasksService,
        MessagesService,
        JobWorker,
        SeedService,
      ],
      exports: [
        ProcessRuntime,
        DomainEvents,
        JobWorker,
        DefinitionsService,
        DeadlineSweeper,
        DeadlineRecomputer,
      ],
    };
  }
}
