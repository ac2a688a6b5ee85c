/**
 * Day and time-of-day arithmetic in Vietnam's civil time, a fixed UTC+7 without daylight saving.
 * A "day number" counts local civil days since 1970-01-01 (day 0), so that it indexes arrays and
 * converts to and from instants with one multiplication.
 */
import { CalendarRangeError, InvalidCalendarConfigError } from './calendar.errors';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Vietnam's offset from UTC (UTC+7, no daylight saving). */
export const VIETNAM_OFFSET_MS = 7 * HOUR_MS;

/** A civil date written `YYYY-MM-DD`. */
export type IsoDate = string;
/** A time of day written `HH:MM` (24-hour clock, `24:00` allowed as an end). */
export type TimeOfDay = `${number}:${number}`;

/** The weekdays, keyed as in configuration. */
export type Weekday = 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat';
/** Weekday keys by JavaScript's numbering (0 = Sunday). */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2})$/;

/** Local day number of the civil day (UTC+7) containing an instant given in epoch milliseconds. */
export function dayNumberOfInstant(ms: number): number {
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** Epoch milliseconds of local midnight (UTC+7) beginning day number `dayNumber`. */
export function instantOfDayStart(dayNumber: number): number {
  return dayNumber * DAY_MS - VIETNAM_OFFSET_MS;
}

/** Day number of a civil date; throws CalendarRangeError for a malformed or impossible date. */
export function dayNumberFromIso(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (match === null)
    throw new CalendarRangeError(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new CalendarRangeError(`No such date: ${date}`);
  }
  return ms / DAY_MS;
}

/** Day number of a civil date given by its parts (month 1..12). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The `YYYY-MM-DD` of a day number. */
export function isoFromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** `DD/MM/YYYY`, the Vietnamese way of writing a date. */
export function vietnameseDate(dayNumber: number): string {
  const iso = isoFromDayNumber(dayNumber);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Civil year of a day number. */
export function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCFullYear();
}

/** Weekday of a day number (0 = Sunday ... 6 = Saturday); 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Julian Day Number of a day number. */
export function jdnOfDayNumber(dayNumber: number): number {
  return dayNumber + 2440588;
}

/** Day number of a Julian Day Number. */
export function dayNumberOfJdn(jdn: number): number {
  return jdn - 2440588;
}

/** Minutes after midnight of a `HH:MM` time of day (00:00 to 24:00). */
export function parseTimeOfDay(value: unknown, what: string): number {
  const match = typeof value === 'string' ? TIME_OF_DAY.exec(value) : null;
  if (match === null) {
    throw new InvalidCalendarConfigError(
      `${what}: expected a time of day as HH:MM, got ${JSON.stringify(value)}`,
    );
  }
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours * 60 + minutes > 24 * 60) {
    throw new InvalidCalendarConfigError(`${what}: no such time of day ${JSON.stringify(value)}`);
  }
  return hours * 60 + minutes;
}

/** `HH:MM` of minutes after midnight. */
export function formatTimeOfDay(minutes: number): TimeOfDay {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}` as TimeOfDay;
}
