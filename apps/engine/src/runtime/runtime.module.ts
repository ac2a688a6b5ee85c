import { Module } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { CalendarSource } from './calendar-source';
import { DefinitionCache } from './definition-cache';
import { DomainEvents } from './domain-events';
import { HotCache } from './hot-cache';
import { ProcessRuntime } from './process-runtime.service';
import { RuntimeRepository } from './runtime.repository';

/**
 * The process runtime every dossier command goes through: ProcessRuntime (read, pure `step`, one
 * statement), the compiled-definition and hot-row caches, and the in-process domain events. Needs the
 * global Db, Clock, CalendarService (bound as the runtime's CalendarSource) and UnitDirectory.
 */
@Module({
  providers: [
    { provide: CalendarSource, useExisting: CalendarService },
    RuntimeRepository,
    DefinitionCache,
    HotCache,
    DomainEvents,
    ProcessRuntime,
  ],
  exports: [CalendarSource, DefinitionCache, HotCache, DomainEvents, ProcessRuntime],
})
export class RuntimeModule {}
