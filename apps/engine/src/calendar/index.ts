export * from './calendar.module';
export {
  CALENDAR_CHANNEL,
  CALENDAR_SETTINGS,
  CalendarService,
  type CalendarChange,
  type CalendarSource,
  type ReplaceYearResult,
  type YearDecisions,
  type YearHolidays,
} from './calendar.service';
export { CalendarChangeEntity } from './calendar-change.entity';
export { CalendarDecisionEntity } from './calendar-decision.entity';
export { CalendarRecomputationEntity } from './calendar-recomputation.entity';
