/**
 * Pure helpers of the calendar module: parsing of the API's query parameters, and the mapping of the
 * calendar library's validation messages to field paths of a request body. No I/O, no clock.
 */
import {
  CalendarRangeError,
  InvalidCalendarConfigError,
  InvalidDurationError,
  type CutoffRule,
  type OfficialDecision,
  type TimeOfDay,
} from '@lienthong/calendar';
import { type FieldError } from '../common/problem/problem.exception';

/** Years the working calendar covers (`@lienthong/calendar`: 2000-2100). */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2100;

/** The data version of decisions read from the database: `db-<id of the last calendar_changes row>`. */
export function databaseDecisionsVersion(changeId: bigint): string {
  return `db-${changeId.toString()}`;
}

/** The reason recorded with the 'recomputed' deadline events of the recomputation a calendar change asks for. */
export function recomputationReason(
  year: number,
  previousVersion: string,
  version: string,
  reason: string | null,
): string {
  return `Lịch làm việc năm ${year} thay đổi (${previousVersion} → ${version})${reason ? `: ${reason}` : ''}`;
}

export function isCalendarYear(year: number): boolean {
  return Number.isInteger(year) && year >= CALENDAR_MIN_YEAR && year <= CALENDAR_MAX_YEAR;
}

// ---------------------------------------------------------------------------------------------
// Instants

/**
 * An ISO 8601 instant with a time zone: `2026-02-13T09:00:00+07:00`, `2026-02-13T02:00:00Z`,
 * `2026-02-13T09:00+07:00`, `2026-02-13T09:00:00.250+07:00`. The offset needs its colon (RFC 3339).
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/i;

/**
 * Parses an ISO 8601 instant that states its offset (or `Z`); undefined for anything else, including a
 * local time without offset (ambiguous), an impossible date (2026-02-30) or time (24:00, 09:60).
 *
 * In a query string an unencoded `+` arrives as a space (`?from=2026-02-13T09:00:00+07:00` without
 * `%2B`): a single space before a final `HH:MM` is read as `+`.
 */
export function parseInstant(input: string): Date | undefined {
  const text = input.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  const match = ISO_INSTANT.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const offsetHours = Number(oh);
    const offsetRest = Number(om);
    if (offsetHours > 23 || offsetRest > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  const instant = new Date(local - offsetMinutes * 60_000);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

// ---------------------------------------------------------------------------------------------
// Cut-off rule

const CUTOFF_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `none`, `last-office-hour` or a time of day `HH:MM` (00:00-23:59); undefined for anything else. */
export function parseCutoff(input: string): CutoffRule | undefined {
  const text = input.trim();
  if (text === 'none' || text === 'last-office-hour') return text;
  return CUTOFF_TIME.test(text) ? (text as TimeOfDay) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Decisions

const DECISION_ERROR = /^Official decisions, (.+?): ([\s\S]*)$/;
const BY_ID = /^decision (.+)$/;

/**
 * The field errors of an InvalidCalendarConfigError thrown by `parseOfficialDecisions` on a request's
 * `decisions`. The library names either a path (`decisions[1].daysOff.from`: kept, as the request body
 * names that array `decisions` too) or a decision by id (`decision 2027-tet`: the path of the submitted
 * decision with that id, else `decisions`).
 */
export function decisionFieldErrors(
  error: InvalidCalendarConfigError,
  submitted: readonly unknown[],
): FieldError[] {
  const match = DECISION_ERROR.exec(error.message);
  if (match === null) return [{ path: 'decisions', message: error.message }];
  const [, where, message] = match;
  if (where.startsWith('decisions[')) return [{ path: where, message }];
  const byId = BY_ID.exec(where);
  if (byId !== null) {
    const index = submitted.findIndex(
      (decision) =>
        typeof decision === 'object' && decision !== null && (decision as { id?: unknown }).id === byId[1],
    );
    return [{ path: index < 0 ? 'decisions' : `decisions[${index}]`, message: `${where}: ${message}` }];
  }
  return [{ path: 'decisions', message: `${where}: ${message}` }];
}

/** The first date a decision names (its break, else its first working day), for ordering. */
export function firstDateOf(decision: OfficialDecision): string {
  const dates = [
    decision.daysOff?.from,
    ...(decision.workingDays ?? []).map((day) => day.date),
    decision.nationalDayAdjacent,
  ].filter((date): date is string => date !== undefined);
  return dates.length === 0 ? '' : dates.reduce((a, b) => (b < a ? b : a));
}

/** Decisions ordered by year, then first date, then id (the order the API lists them in). */
export function sortDecisions(decisions: readonly OfficialDecision[]): OfficialDecision[] {
  return [...decisions].sort(
    (a, b) =>
      a.year - b.year ||
      firstDateOf(a).localeCompare(firstDateOf(b)) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** JSON with object keys sorted at every level, so that equal values give equal texts. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** True when two sets of (normalised) decisions are the same, whatever their order. */
export function sameDecisions(a: readonly OfficialDecision[], b: readonly OfficialDecision[]): boolean {
  if (a.length !== b.length) return false;
  const byId = (list: readonly OfficialDecision[]) =>
    canonicalJson([...list].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)));
  return byId(a) === byId(b);
}

/** A break of consecutive days off fixed by a decision (weekends included, unlike `holidays`). */
export interface DecisionBreak {
  decisionId: string;
  name: string;
  from: string;
  to: string;
  source: string;
  unverified: boolean;
}

/** The breaks (`daysOff` ranges) the decisions of `year` fix, in date order. */
export function breaksOf(decisions: readonly OfficialDecision[], year: number): DecisionBreak[] {
  return sortDecisions(decisions.filter((decision) => decision.year === year)).flatMap((decision) =>
    decision.daysOff === undefined
      ? []
      : [
          {
            decisionId: decision.id,
            name: decision.name,
            from: decision.daysOff.from,
            to: decision.daysOff.to,
            source: decision.sources[0].number,
            unverified: decision.unverified === true,
          },
        ],
  );
}

// ---------------------------------------------------------------------------------------------
// Errors of the calendar library

/** Whether an error is one the calendar library throws for bad input (durations, dates, years). */
export function isCalendarInputError(
  error: unknown,
): error is InvalidDurationError | CalendarRangeError | InvalidCalendarConfigError {
  return (
    error instanceof InvalidDurationError ||
    error instanceof CalendarRangeError ||
    error instanceof InvalidCalendarConfigError
  );
}
