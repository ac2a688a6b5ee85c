import { Global, Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';

/**
 * The engine's working calendar (`CalendarService`, global: deadline code injects it without importing
 * this module) and its API under /calendar. Tables: calendar_decisions, calendar_changes (migration
 * CalendarDecisions1763900000000). Needs the global DatabaseModule (Db, DataSource) and ClockModule (Clock).
 */
@Global()
@Module({
  controllers: [CalendarController],
  providers: [CalendarRepository, CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
