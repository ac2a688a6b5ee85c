/**
 * Legal deadlines on Vietnam's working-day calendar.
 *
 * A WorkingCalendar knows, for every civil day of 2000-2100 in Vietnam time (UTC+7), whether it
 * is a working day and its office hours: weekly pattern, Labour Code holidays (lunar ones
 * computed), compensatory days, and the government's yearly decisions (data). It adds working
 * time to instants and measures working time between instants.
 *
 * Semantics (the "position" of an instant is the working time elapsed up to it):
 * - Working periods are half-open [opening, closing): 17:00 is not a working instant, 07:30 is.
 * - addWorkingTime(t, 0) is nextWorkingInstant(t): t itself inside office hours, otherwise the
 *   next opening.
 * - addWorkingTime(t, d > 0) is the earliest instant with position(t) + d: when that lands exactly
 *   at a closing it returns the closing (e.g. 17:00), not the next morning's opening.
 * - addWorkingTime(t, d < 0) subtracts: the latest instant with position(t) + d, so landing exactly
 *   at an opening returns the opening (e.g. 07:30), not the previous evening's closing.
 * - workingMinutesBetween(a, b) = position(b) - position(a), negative when b < a, fractional when
 *   the instants carry seconds.
 * - Round trip: addWorkingTime(a, workingMinutesBetween(a, b)) equals b whenever b is inside a
 *   working period or exactly at a closing (for b after a; at or after an opening for b before a).
 *
 * The calendar is pure: no clock, no I/O. Per-year tables are built lazily on first use.
 */
import { CalendarRangeError, InvalidCalendarConfigError } from './calendar.errors';
import {
  HOUR_MS,
  MINUTE_MS,
  WEEKDAYS,
  dayNumberFromIso,
  dayNumberFromParts,
  dayNumberOfInstant,
  formatTimeOfDay,
  instantOfDayStart,
  isoFromDayNumber,
  parseTimeOfDay,
  vietnameseDate,
  weekdayOfDayNumber,
  type IsoDate,
  type TimeOfDay,
  type Weekday,
} from './date.util';
import {
  DEFAULT_OFFICIAL_DECISIONS,
  parseOfficialDecisions,
  type OfficialDecision,
  type OfficialDecisions,
  type StatutoryHolidayKey,
  type SwappedWorkingDay,
} from './official-decisions';
import { compensatoryName, statutoryHolidays } from './statutory-holidays';
import { YearTimeline, type DayIntervals } from './year-timeline';
import { parseWorkingDuration } from './working-duration.util';

/** First and last civil years the working calendar covers. */
export const WORKING_CALENDAR_MIN_YEAR = 2000;
export const WORKING_CALENDAR_MAX_YEAR = 2100;

/** An office-hours interval of a day, [from, to). */
export interface OfficeInterval {
  from: TimeOfDay;
  to: TimeOfDay;
}

/** A weekday's schedule: the calendar's office hours, closed (weekly rest day), or its own intervals. */
export type DaySchedule = 'office-hours' | 'closed' | readonly OfficeInterval[];

export type WeeklyPattern = Partial<Record<Weekday, DaySchedule>>;

/**
 * When a dossier received late in the day starts counting from the next working day's opening:
 * - `'none'`: never (counting starts at the next working instant);
 * - `'HH:MM'`: received strictly after that time of day (Decree 63/2024 art. 7.2: "after 15:00");
 * - `'last-office-hour'`: received within the last hour before the day's closing (Decree 297/2025).
 */
export type CutoffRule = 'none' | 'last-office-hour' | TimeOfDay;

export interface WorkingCalendarOptions {
  /** Office hours of a working day; default 07:30-11:30 and 13:00-17:00. */
  officeHours?: readonly OfficeInterval[];
  /** Overrides of the default week (Monday-Friday office hours, Saturday and Sunday closed). */
  weeklyPattern?: WeeklyPattern;
  /** Official yearly decisions; default the data shipped in `data/official-decisions.json`. */
  decisions?: OfficialDecisions;
  /** Default cut-off rule of countingStart and deadline; default `'none'`. */
  cutoff?: CutoffRule;
}

export const DEFAULT_OFFICE_HOURS: readonly OfficeInterval[] = [
  { from: '07:30', to: '11:30' },
  { from: '13:00', to: '17:00' },
];

export const DEFAULT_WEEKLY_PATTERN: Readonly<Record<Weekday, DaySchedule>> = {
  mon: 'office-hours',
  tue: 'office-hours',
  wed: 'office-hours',
  thu: 'office-hours',
  fri: 'office-hours',
  sat: 'closed',
  sun: 'closed',
};

/**
 * Why a day is off:
 * - `holiday`: a Labour Code art. 112 holiday (listed even when it falls on a weekend);
 * - `compensatory`: the day off due under art. 111.3 for a holiday on a weekly rest day;
 * - `official-decision`: a day off of a break placed by an official decision.
 */
export type HolidayKind = 'holiday' | 'compensatory' | 'official-decision';

export interface CalendarHoliday {
  date: IsoDate;
  name: string;
  kind: HolidayKind;
  /** The statutory holiday this day is, compensates, or belongs to the break of. */
  holiday?: StatutoryHolidayKey;
  /** For `official-decision`: the decision's id and its first source's number. */
  decisionId?: string;
  source?: string;
}

/** A day worked by decision although it would otherwise be off (làm bù, usually a Saturday). */
export interface MakeUpWorkingDay {
  date: IsoDate;
  name: string;
  /** The weekday given off in exchange, when the decision names one. */
  replaces?: IsoDate;
  decisionId: string;
  source: string;
}

export interface WorkingPeriod {
  start: Date;
  end: Date;
}

/** The normalised configuration a calendar runs with, as recorded next to its version. */
export interface WorkingCalendarSettings {
  officeHours: OfficeInterval[];
  weeklyPattern: Record<Weekday, OfficeInterval[]>;
  cutoff: CutoffRule;
  decisionsVersion: string;
}

interface YearRules {
  holidays: CalendarHoliday[];
  makeUpDays: MakeUpWorkingDay[];
  /** Days off for holiday reasons (statutory, compensatory, decisions), as day numbers. */
  daysOff: Set<number>;
  /** Days worked by decision, as day numbers. */
  daysWorked: Set<number>;
}

type Intervals = Array<[number, number]>;

/** Day number of 1 January of each year from 2000 to 2101 (the last one bounds 2100). */
const YEAR_FIRST_DAY = Int32Array.from(
  { length: WORKING_CALENDAR_MAX_YEAR - WORKING_CALENDAR_MIN_YEAR + 2 },
  (_, i) => dayNumberFromParts(WORKING_CALENDAR_MIN_YEAR + i, 1, 1),
);
const YEAR_COUNT = WORKING_CALENDAR_MAX_YEAR - WORKING_CALENDAR_MIN_YEAR + 1;
const LAST_OFFICE_HOUR_MS = HOUR_MS;

function rangeError(what: string): CalendarRangeError {
  return new CalendarRangeError(
    `${what} is outside the supported years ${WORKING_CALENDAR_MIN_YEAR}-${WORKING_CALENDAR_MAX_YEAR}`,
  );
}

/** Index (year - 2000) of the year containing day number `day`. */
function yearIndexOfDay(day: number): number {
  if (day < YEAR_FIRST_DAY[0] || day >= YEAR_FIRST_DAY[YEAR_COUNT]) {
    throw rangeError(`Date ${isoFromDayNumber(day)}`);
  }
  let i = Math.min(YEAR_COUNT - 1, Math.floor((day - YEAR_FIRST_DAY[0]) / 365.2425));
  while (day < YEAR_FIRST_DAY[i]) i--;
  while (day >= YEAR_FIRST_DAY[i + 1]) i++;
  return i;
}

function instantMs(value: Date, what: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new TypeError(`${what}: expected a valid Date`);
  return ms;
}

/** Validates, sorts and merges office intervals into minutes after midnight. */
function normaliseIntervals(value: unknown, what: string): Intervals {
  if (!Array.isArray(value)) throw new InvalidCalendarConfigError(`${what}: expected an array of {from, to}`);
  const intervals: Intervals = value.map((interval: unknown, i) => {
    if (typeof interval !== 'object' || interval === null) {
      throw new InvalidCalendarConfigError(`${what}[${i}]: expected {from, to}`);
    }
    const { from, to } = interval as Record<string, unknown>;
    const start = parseTimeOfDay(from, `${what}[${i}].from`);
    const end = parseTimeOfDay(to, `${what}[${i}].to`);
    if (end <= start) throw new InvalidCalendarConfigError(`${what}[${i}]: ends before it starts`);
    return [start, end];
  });
  intervals.sort((a, b) => a[0] - b[0]);
  const merged: Intervals = [];
  for (const [start, end] of intervals) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start < last[1]) {
      throw new InvalidCalendarConfigError(`${what}: intervals overlap at ${formatTimeOfDay(start)}`);
    }
    if (last !== undefined && start === last[1]) last[1] = end;
    else merged.push([start, end]);
  }
  return merged;
}

function toOfficeIntervals(intervals: DayIntervals): OfficeInterval[] {
  return intervals.map(([from, to]) => ({ from: formatTimeOfDay(from), to: formatTimeOfDay(to) }));
}

/** 32-bit FNV-1a of a string, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export class WorkingCalendar {
  /**
   * Identifies the rules this calendar applies: `<decisions version>+cfg.<hash of office hours,
   * weekly pattern and cut-off>`. Record it with every deadline computed.
   */
  readonly version: string;
  /** The `version` of the official decisions in use. */
  readonly decisionsVersion: string;
  /** Default cut-off rule of countingStart and deadline. */
  readonly cutoff: CutoffRule;

  private readonly officeHours: Intervals;
  /** Intervals per weekday, index 0 = Sunday. */
  private readonly week: Intervals[];
  private readonly decisions: OfficialDecisions;
  private readonly decisionDaysOff = new Map<number, OfficialDecision>();
  private readonly decisionDaysWorked = new Map<
    number,
    { decision: OfficialDecision; swap: SwappedWorkingDay }
  >();
  private readonly rules: Array<YearRules | undefined> = new Array<YearRules | undefined>(YEAR_COUNT);
  private readonly timelines: Array<YearTimeline | undefined> = new Array<YearTimeline | undefined>(
    YEAR_COUNT,
  );

  constructor(options: WorkingCalendarOptions = {}) {
    this.officeHours = normaliseIntervals(options.officeHours ?? DEFAULT_OFFICE_HOURS, 'officeHours');
    if (this.officeHours.length === 0)
      throw new InvalidCalendarConfigError('officeHours: at least one interval');

    const pattern = options.weeklyPattern ?? {};
    for (const key of Object.keys(pattern)) {
      if (!WEEKDAYS.includes(key as Weekday)) {
        throw new InvalidCalendarConfigError(`weeklyPattern: unknown weekday ${JSON.stringify(key)}`);
      }
    }
    this.week = WEEKDAYS.map((day) => {
      const schedule = pattern[day] ?? DEFAULT_WEEKLY_PATTERN[day];
      if (schedule === 'office-hours') return this.officeHours;
      if (schedule === 'closed') return [];
      return normaliseIntervals(schedule, `weeklyPattern.${day}`);
    });
    if (this.week.every((intervals) => intervals.length === 0)) {
      throw new InvalidCalendarConfigError('weeklyPattern: no working day in the week');
    }

    this.cutoff = options.cutoff ?? 'none';
    if (this.cutoff !== 'none' && this.cutoff !== 'last-office-hour') parseTimeOfDay(this.cutoff, 'cutoff');

    // Decisions given by a caller are validated (they may come from an admin API as JSON).
    this.decisions =
      options.decisions === undefined
        ? DEFAULT_OFFICIAL_DECISIONS
        : parseOfficialDecisions(options.decisions);
    for (const decision of this.decisions.decisions) {
      if (decision.daysOff !== undefined) {
        const last = dayNumberFromIso(decision.daysOff.to);
        for (let day = dayNumberFromIso(decision.daysOff.from); day <= last; day++) {
          this.decisionDaysOff.set(day, decision);
        }
      }
      for (const swap of decision.workingDays ?? []) {
        this.decisionDaysWorked.set(dayNumberFromIso(swap.date), { decision, swap });
      }
    }

    this.decisionsVersion = this.decisions.version;
    const fingerprint = JSON.stringify({
      officeHours: this.officeHours,
      week: this.week,
      cutoff: this.cutoff,
    });
    this.version = `${this.decisionsVersion}+cfg.${fnv1a(fingerprint)}`;
  }

  /** The normalised configuration, e.g. to store with the version. */
  get settings(): WorkingCalendarSettings {
    const weeklyPattern = {} as Record<Weekday, OfficeInterval[]>;
    WEEKDAYS.forEach((day, i) => (weeklyPattern[day] = toOfficeIntervals(this.week[i])));
    return {
      officeHours: toOfficeIntervals(this.officeHours),
      weeklyPattern,
      cutoff: this.cutoff,
      decisionsVersion: this.decisionsVersion,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Days

  /** True when the civil day (Vietnam time) has office hours. */
  isWorkingDay(date: Date | IsoDate): boolean {
    const day = this.dayNumberOf(date);
    const [first, last] = this.timelineOfDay(day).periodsOfDay(day);
    return last > first;
  }

  /** The office-hours periods of a civil day (empty on a day off). */
  workingPeriods(date: Date | IsoDate): WorkingPeriod[] {
    const day = this.dayNumberOf(date);
    const timeline = this.timelineOfDay(day);
    const [first, last] = timeline.periodsOfDay(day);
    const periods: WorkingPeriod[] = [];
    for (let i = first; i < last; i++) {
      periods.push({ start: new Date(timeline.starts[i]), end: new Date(timeline.ends[i]) });
    }
    return periods;
  }

  /** The days off of a year for holiday reasons, in date order (weekends are not listed). */
  holidays(year: number): CalendarHoliday[] {
    return this.rulesOf(this.yearIndex(year)).holidays.map((holiday) => ({ ...holiday }));
  }

  /** The days worked by decision in a year (làm bù), in date order. */
  makeUpWorkingDays(year: number): MakeUpWorkingDay[] {
    return this.rulesOf(this.yearIndex(year)).makeUpDays.map((day) => ({ ...day }));
  }

  // ---------------------------------------------------------------------------------------------
  // Instants

  /** True when the instant lies inside a working period, [opening, closing). */
  isWorkingInstant(at: Date): boolean {
    const ms = instantMs(at, 'isWorkingInstant');
    const day = dayNumberOfInstant(ms);
    const timeline = this.timelineOfDay(day);
    const [first, last] = timeline.periodsOfDay(day);
    for (let i = first; i < last; i++) {
      if (ms >= timeline.starts[i] && ms < timeline.ends[i]) return true;
    }
    return false;
  }

  /** `from` itself when it is a working instant, otherwise the next opening. */
  nextWorkingInstant(from: Date): Date {
    return new Date(this.nextWorkingMs(instantMs(from, 'nextWorkingInstant')));
  }

  /**
   * Adds `minutes` of working time (any finite number, rounded to the millisecond; negative
   * subtracts) to `from`. See the module comment for the exact semantics at period boundaries.
   * O(log n) in the number of working periods of a year; throws CalendarRangeError when the
   * result would leave 2000-2100.
   */
  addWorkingTime(from: Date, minutes: number): Date {
    return new Date(this.addWorkingTimeMs(instantMs(from, 'addWorkingTime'), minutes));
  }

  /** `addWorkingTime` on epoch milliseconds (no Date allocated: for computing many due instants). */
  addWorkingTimeMs(ms: number, minutes: number): number {
    if (typeof ms !== 'number' || !Number.isFinite(ms)) {
      throw new TypeError(`addWorkingTime: expected a valid instant, got ${String(ms)}`);
    }
    if (typeof minutes !== 'number' || !Number.isFinite(minutes)) {
      throw new RangeError(`addWorkingTime: expected a finite number of minutes, got ${String(minutes)}`);
    }
    const delta = Math.round(minutes * MINUTE_MS);
    if (delta === 0) return this.nextWorkingMs(ms);

    const day = dayNumberOfInstant(ms);
    let index = yearIndexOfDay(day);
    let timeline = this.timelineAt(index);
    let q = timeline.positionAt(ms, day) + delta;
    if (delta > 0) {
      while (q > timeline.total) {
        q -= timeline.total;
        timeline = this.timelineAt(++index);
      }
      return timeline.earliestAt(q);
    }
    while (q < 0) {
      timeline = this.timelineAt(--index);
      q += timeline.total;
    }
    return timeline.latestAt(q);
  }

  /** Adds a working duration written in our syntax (`3d`, `1d4h`, `30m`...). */
  addWorkingDuration(from: Date, duration: string): Date {
    return this.addWorkingTime(from, parseWorkingDuration(duration));
  }

  /**
   * Working minutes from `from` to `to`: positive when `to` is later, negative when earlier,
   * fractional when the instants are not on whole minutes.
   */
  workingMinutesBetween(from: Date, to: Date): number {
    const a = instantMs(from, 'workingMinutesBetween');
    const b = instantMs(to, 'workingMinutesBetween');
    const ms = b < a ? -this.workingMsBetween(b, a) : this.workingMsBetween(a, b);
    return ms === 0 ? 0 : ms / MINUTE_MS; // never -0
  }

  /**
   * When the time limit of a dossier received at `receivedAt` starts counting: the next working
   * instant, except that a dossier received on a working day after the cut-off counts from the
   * opening of the next working day. `cutoff` overrides the calendar's default (a per-procedure
   * setting).
   */
  countingStart(receivedAt: Date, cutoff: CutoffRule = this.cutoff): Date {
    const ms = instantMs(receivedAt, 'countingStart');
    const day = dayNumberOfInstant(ms);
    const timeline = this.timelineOfDay(day);
    const [first, last] = timeline.periodsOfDay(day);
    if (cutoff !== 'none' && last > first) {
      let late: boolean;
      if (cutoff === 'last-office-hour') {
        late = ms >= timeline.ends[last - 1] - LAST_OFFICE_HOUR_MS;
      } else {
        late = ms > instantOfDayStart(day) + parseTimeOfDay(cutoff, 'cutoff') * MINUTE_MS;
      }
      if (late) return new Date(this.nextWorkingMs(instantOfDayStart(day + 1)));
    }
    return new Date(this.nextWorkingMs(ms));
  }

  /**
   * The due instant of a time limit: countingStart(receivedAt, cutoff) plus `duration` (working
   * minutes, or our duration syntax).
   */
  deadline(receivedAt: Date, duration: number | string, cutoff: CutoffRule = this.cutoff): Date {
    const minutes = typeof duration === 'string' ? parseWorkingDuration(duration) : duration;
    return this.addWorkingTime(this.countingStart(receivedAt, cutoff), minutes);
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  private dayNumberOf(date: Date | IsoDate): number {
    return typeof date === 'string' ? dayNumberFromIso(date) : dayNumberOfInstant(instantMs(date, 'date'));
  }

  private yearIndex(year: number): number {
    if (!Number.isInteger(year) || year < WORKING_CALENDAR_MIN_YEAR || year > WORKING_CALENDAR_MAX_YEAR) {
      throw rangeError(`Year ${year}`);
    }
    return year - WORKING_CALENDAR_MIN_YEAR;
  }

  private timelineOfDay(day: number): YearTimeline {
    return this.timelineAt(yearIndexOfDay(day));
  }

  private timelineAt(index: number): YearTimeline {
    if (index < 0 || index >= YEAR_COUNT) throw rangeError('The result');
    let timeline = this.timelines[index];
    if (timeline === undefined) {
      const rules = this.rulesOf(index);
      timeline = new YearTimeline(
        WORKING_CALENDAR_MIN_YEAR + index,
        YEAR_FIRST_DAY[index],
        YEAR_FIRST_DAY[index + 1] - YEAR_FIRST_DAY[index],
        (day) => {
          if (rules.daysWorked.has(day)) return this.officeHours;
          if (rules.daysOff.has(day)) return [];
          return this.week[weekdayOfDayNumber(day)];
        },
      );
      this.timelines[index] = timeline;
    }
    return timeline;
  }

  private nextWorkingMs(ms: number): number {
    const day = dayNumberOfInstant(ms);
    let index = yearIndexOfDay(day);
    let found = this.timelineAt(index).nextWorkingAt(ms, day);
    while (found < 0) {
      index++;
      const timeline = this.timelineAt(index);
      found = timeline.nextWorkingAt(ms, timeline.firstDay);
    }
    return found;
  }

  /** Working ms from a to b, for a ≤ b. */
  private workingMsBetween(a: number, b: number): number {
    const dayA = dayNumberOfInstant(a);
    const dayB = dayNumberOfInstant(b);
    const indexA = yearIndexOfDay(dayA);
    const indexB = yearIndexOfDay(dayB);
    const timelineA = this.timelineAt(indexA);
    if (indexA === indexB) return timelineA.positionAt(b, dayB) - timelineA.positionAt(a, dayA);
    let sum = timelineA.total - timelineA.positionAt(a, dayA);
    for (let i = indexA + 1; i < indexB; i++) sum += this.timelineAt(i).total;
    return sum + this.timelineAt(indexB).positionAt(b, dayB);
  }

  private isWeeklyRestDay(day: number): boolean {
    return this.week[weekdayOfDayNumber(day)].length === 0;
  }

  /** The holiday rules of a year: statutory days, compensatory days, decisions. */
  private rulesOf(index: number): YearRules {
    const cached = this.rules[index];
    if (cached !== undefined) return cached;

    const year = WORKING_CALENDAR_MIN_YEAR + index;
    const firstDay = YEAR_FIRST_DAY[index];
    const endDay = YEAR_FIRST_DAY[index + 1];
    const ofYear = this.decisions.decisions.filter((decision) => decision.year === year);
    const covered = new Set(ofYear.flatMap((decision) => decision.covers));
    const adjacent = ofYear.find(
      (decision) => decision.nationalDayAdjacent !== undefined,
    )?.nationalDayAdjacent;

    const entries = new Map<number, CalendarHoliday>();
    const statutory = statutoryHolidays(
      year,
      adjacent === undefined ? undefined : dayNumberFromIso(adjacent),
    );
    for (const holiday of statutory) {
      const existing = entries.get(holiday.dayNumber);
      // Two holidays on one day (not the case in 2000-2100): one entry naming both.
      if (existing !== undefined) existing.name = `${existing.name}, ${holiday.name}`;
      else
        entries.set(holiday.dayNumber, {
          date: holiday.date,
          name: holiday.name,
          kind: 'holiday',
          holiday: holiday.key,
        });
    }

    // Art. 111.3: a holiday on a weekly rest day gives a day off on the next working day, unless a
    // decision fixes that holiday's placement.
    for (const holiday of statutory) {
      if (covered.has(holiday.key) || !this.isWeeklyRestDay(holiday.dayNumber)) continue;
      let day = holiday.dayNumber + 1;
      while (
        this.isWeeklyRestDay(day) ||
        entries.has(day) ||
        this.decisionDaysOff.has(day) ||
        this.decisionDaysWorked.has(day)
      ) {
        day++;
      }
      entries.set(day, {
        date: isoFromDayNumber(day),
        name: compensatoryName(holiday.key),
        kind: 'compensatory',
        holiday: holiday.key,
      });
    }

    const daysOff = new Set<number>(entries.keys());
    for (let day = firstDay; day < endDay; day++) {
      const decision = this.decisionDaysOff.get(day);
      if (decision === undefined) continue;
      daysOff.add(day);
      if (!entries.has(day) && !this.isWeeklyRestDay(day)) {
        const entry: CalendarHoliday = {
          date: isoFromDayNumber(day),
          name: decision.name,
          kind: 'official-decision',
          decisionId: decision.id,
          source: decision.sources[0].number,
        };
        if (decision.covers.length > 0) entry.holiday = decision.covers[0];
        entries.set(day, entry);
      }
    }

    const daysWorked = new Set<number>();
    const makeUpDays: MakeUpWorkingDay[] = [];
    for (let day = firstDay; day < endDay; day++) {
      const worked = this.decisionDaysWorked.get(day);
      if (worked === undefined) continue;
      daysWorked.add(day);
      const { decision, swap } = worked;
      const makeUp: MakeUpWorkingDay = {
        date: swap.date,
        name:
          swap.replaces === undefined
            ? 'Ngày làm bù'
            : `Ngày làm bù cho ngày ${vietnameseDate(dayNumberFromIso(swap.replaces))}`,
        decisionId: decision.id,
        source: decision.sources[0].number,
      };
      if (swap.replaces !== undefined) makeUp.replaces = swap.replaces;
      makeUpDays.push(makeUp);
    }

    const holidays = [...entries.entries()]
      .filter(([day]) => day >= firstDay && day < endDay && !daysWorked.has(day))
      .sort(([a], [b]) => a - b)
      .map(([, entry]) => entry);
    for (const day of daysWorked) daysOff.delete(day);
    const rules: YearRules = { holidays, makeUpDays, daysOff, daysWorked };
    this.rules[index] = rules;
    return rules;
  }
}
