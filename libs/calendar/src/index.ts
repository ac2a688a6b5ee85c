export { CalendarRangeError, InvalidCalendarConfigError, InvalidDurationError } from './calendar.errors';
export { VIETNAM_OFFSET_MS, WEEKDAYS, type IsoDate, type TimeOfDay, type Weekday } from './date.util';
export {
  MINUTES_PER_WORKING_DAY,
  MINUTES_PER_WORKING_HOUR,
  formatWorkingDuration,
  parseWorkingDuration,
} from './working-duration.util';
export {
  DEFAULT_OFFICIAL_DECISIONS,
  STATUTORY_HOLIDAY_KEYS,
  parseOfficialDecisions,
  type DecisionSource,
  type OfficialDecision,
  type OfficialDecisions,
  type StatutoryHolidayKey,
  type SwappedWorkingDay,
} from './official-decisions';
export {
  HOLIDAY_NAMES,
  defaultNationalDayAdjacent,
  statutoryHolidays,
  type StatutoryHoliday,
} from './statutory-holidays';
export {
  VIETNAM_TIME_ZONE,
  leapMonthOf,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
  type LunarDate,
  type SolarDate,
} from './lunar.util';
export {
  DEFAULT_OFFICE_HOURS,
  DEFAULT_WEEKLY_PATTERN,
  WORKING_CALENDAR_MAX_YEAR,
  WORKING_CALENDAR_MIN_YEAR,
  WorkingCalendar,
  type CalendarHoliday,
  type CutoffRule,
  type DaySchedule,
  type HolidayKind,
  type MakeUpWorkingDay,
  type OfficeInterval,
  type WeeklyPattern,
  type WorkingCalendarOptions,
  type WorkingCalendarSettings,
  type WorkingPeriod,
} from './working-calendar';
export {
  classifyOutcome,
  deadlineStatus,
  dueSoonThreshold,
  isPaused,
  pauseClock,
  reallotClock,
  recomputeClock,
  recomputeClockIfMoved,
  remainingMinutes,
  restartClock,
  resumeClock,
  startClock,
  usedMinutes,
  type DeadlineClock,
  type DeadlineOutcome,
  type DeadlineStatus,
} from './deadline-clock';
