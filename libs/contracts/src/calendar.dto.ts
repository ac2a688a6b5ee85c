export type StatutoryHolidayKeyDto =
  'new-year' | 'tet' | 'hung-kings' | 'victory-day' | 'labour-day' | 'national-day';

export interface CalendarYearQueryDto {
  year: number;
}

export interface CalendarAddQueryDto {
  /** ISO 8601 instant with its offset or Z. */
  from: string;
  /** Working duration: 3d, 4h, 1d4h, 0.5d, 30m (1d = 8 working hours). */
  duration: string;
  /** Counting-start rule applied to `from` first: none, last-office-hour or HH:MM. */
  cutoff?: string;
}

export interface CalendarBetweenQueryDto {
  from: string;
  to: string;
}

export interface DecisionSourceDto {
  issuer: string;
  /** Số hiệu văn bản. */
  number: string;
  date: string;
  title: string;
  /** Where the content was read. */
  url?: string;
}

export interface DaysOffRangeDto {
  from: string;
  to: string;
}

export interface SwappedWorkingDayDto {
  /** Ngày làm bù. */
  date: string;
  /** The weekday given off in exchange. */
  replaces?: string;
}

/** An official decision placing a holiday break or swapping working days. */
export interface OfficialDecisionDto {
  id: string;
  year: number;
  /** Holidays of the year whose placement this decision fixes. */
  covers: StatutoryHolidayKeyDto[];
  name: string;
  /** Every date of this inclusive range is off. */
  daysOff?: DaysOffRangeDto;
  /** Days worked although otherwise off (làm bù). */
  workingDays?: SwappedWorkingDayDto[];
  /** For national-day: YYYY-09-01 or YYYY-09-03. */
  nationalDayAdjacent?: string;
  sources: DecisionSourceDto[];
  /** True when the dates could not be checked in an official text. */
  unverified?: boolean;
  note?: string;
}

export interface ReplaceDecisionsDto {
  /** Every official decision of the year (validated by the engine; 422 naming the path otherwise). */
  decisions: OfficialDecisionDto[];
  reason?: string;
}

export interface CalendarHolidayDto {
  date: string;
  name: string;
  kind: 'holiday' | 'compensatory' | 'official-decision';
  /** The statutory holiday it is, compensates or belongs to. */
  holiday?: StatutoryHolidayKeyDto;
  decisionId?: string;
  /** The decision's first source. */
  source?: string;
}

export interface MakeUpWorkingDayDto {
  date: string;
  name: string;
  replaces?: string;
  decisionId: string;
  source: string;
}

export interface DecisionBreakDto {
  decisionId: string;
  name: string;
  from: string;
  to: string;
  source: string;
  unverified: boolean;
}

export interface CalendarHolidaysDto {
  year: number;
  /** Version of the calendar in force. */
  calendarVersion: string;
  /** Days off for holiday reasons, in date order (Saturdays and Sundays are not listed). */
  holidays: CalendarHolidayDto[];
  /** Days worked by decision although otherwise off (làm bù), usually Saturdays. */
  workingSaturdays: MakeUpWorkingDayDto[];
  /** Breaks fixed by decisions, weekends included. */
  breaks: DecisionBreakDto[];
}

export interface CalendarAddDto {
  from: string;
  duration: string;
  /** Working minutes of the duration. */
  minutes: number;
  /** When a cutoff was given: the start of counting. */
  countingStart?: string;
  result: string;
  calendarVersion: string;
}

export interface CalendarBetweenDto {
  from: string;
  to: string;
  /** Working minutes from `from` to `to` (negative when to < from). */
  minutes: number;
  /** The same in the duration syntax (rounded to the minute). */
  duration: string;
  calendarVersion: string;
}

export interface CalendarDecisionsDto {
  year: number;
  /** database: decisions stored through the API; default: the data shipped with the engine. */
  source: 'database' | 'default';
  decisionsVersion: string;
  calendarVersion: string;
  decisions: OfficialDecisionDto[];
}

export interface ReplaceDecisionsResultDto extends CalendarHolidaysDto {
  /** False when the decisions given were already in force (nothing written). */
  changed: boolean;
  previousVersion: string;
  decisionsVersion: string;
  /** Id of the audit record. */
  changeId: string | null;
  /** The decisions of the year now in force. */
  decisions: OfficialDecisionDto[];
}
