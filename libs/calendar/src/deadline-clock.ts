import type { WorkingCalendar } from './working-calendar';
import { MINUTES_PER_WORKING_DAY } from './working-duration.util';
import { VIETNAM_OFFSET_MS } from './date.util';

/**
 * A legal time limit counted in working time, which can be paused (the applicant fulfils a
 * financial obligation, an expert assessment…) and restarted (a supplemented dossier counts again
 * from zero). Plain JSON, stored with the dossier; every function returns a new clock.
 *
 * Running: `remaining` working minutes are left as of `base`, so the due instant is
 * `base + remaining`. Paused: `base` is null and `remaining` is frozen.
 */
export interface DeadlineClock {
  /** The allotted working time, in working minutes. */
  allotted: number;
  /** When the counting (re)started: the first working instant after receipt or restart. */
  countingFrom: string;
  /** ISO instant from which `remaining` counts; null while paused. */
  base: string | null;
  /** Working minutes left as of `base` (negative once overdue). */
  remaining: number;
  /** The due instant while running; while paused, the one before the pause. */
  dueAt: string;
  /** From this instant on the deadline is "due soon". */
  dueSoonAt: string;
  /** Set while paused. */
  pausedAt: string | null;
  /** The calendar version the due instant was computed with. */
  calendarVersion: string;
}

export type DeadlineOutcome = 'early' | 'on_time' | 'late';
export type DeadlineStatus = 'on_track' | 'due_soon' | 'overdue';

/**
 * "Due soon" starts when less than one working day, or less than 20% of the allotted time, is
 * left, whichever is shorter (so a 4-hour step warns in its last 48 minutes).
 */
export function dueSoonThreshold(allotted: number): number {
  return Math.max(1, Math.min(MINUTES_PER_WORKING_DAY, Math.round(allotted * 0.2)));
}

function at(value: Date): string {
  return value.toISOString();
}

function withDue(
  calendar: WorkingCalendar,
  clock: Omit<DeadlineClock, 'dueAt' | 'dueSoonAt' | 'calendarVersion'>,
  base: Date,
): DeadlineClock {
  const due = calendar.addWorkingTime(base, clock.remaining);
  const soon = calendar.addWorkingTime(due, -dueSoonThreshold(clock.allotted));
  return { ...clock, dueAt: at(due), dueSoonAt: at(soon), calendarVersion: calendar.version };
}

/** Starts a clock at `receivedAt` (the counting start follows the calendar's cut-off rule unless given). */
export function startClock(
  calendar: WorkingCalendar,
  receivedAt: Date,
  allotted: number,
  countingFrom?: Date,
): DeadlineClock {
  const from = countingFrom ?? calendar.countingStart(receivedAt);
  return withDue(
    calendar,
    { allotted, countingFrom: at(from), base: at(from), remaining: allotted, pausedAt: null },
    from,
  );
}

/** Working minutes used so far (allotted minus what is left now). */
export function usedMinutes(calendar: WorkingCalendar, clock: DeadlineClock, now: Date): number {
  return clock.allotted - remainingMinutes(calendar, clock, now);
}

/** Whole working minutes left at `now` (deadlines are kept to the minute). */
export function remainingMinutes(calendar: WorkingCalendar, clock: DeadlineClock, now: Date): number {
  if (clock.base === null) return clock.remaining;
  return clock.remaining - Math.round(Math.max(0, calendar.workingMinutesBetween(new Date(clock.base), now)));
}

export function isPaused(clock: DeadlineClock): boolean {
  return clock.base === null;
}

export function pauseClock(calendar: WorkingCalendar, clock: DeadlineClock, now: Date): DeadlineClock {
  if (clock.base === null) return clock;
  return { ...clock, base: null, remaining: remainingMinutes(calendar, clock, now), pausedAt: at(now) };
}

/** Resumes with exactly the working time that was left when the clock was paused. */
export function resumeClock(calendar: WorkingCalendar, clock: DeadlineClock, now: Date): DeadlineClock {
  if (clock.base !== null) return clock;
  const from = calendar.nextWorkingInstant(now);
  return withDue(calendar, { ...clock, base: at(from), pausedAt: null }, from);
}

/** Starts the allotted time again from zero (art. 19.4: a supplemented dossier). */
export function restartClock(calendar: WorkingCalendar, clock: DeadlineClock, now: Date): DeadlineClock {
  return startClock(calendar, now, clock.allotted);
}

/** The due instant again, after a change of the official calendar. */
export function recomputeClock(calendar: WorkingCalendar, clock: DeadlineClock): DeadlineClock {
  if (clock.base === null) return { ...clock, calendarVersion: calendar.version };
  return withDue(calendar, clock, new Date(clock.base));
}

/**
 * The same clock with another allotted time (a dossier moved to a new version of its procedure): it keeps
 * its counting start and the working time already used; the due instant moves by the difference. A
 * paused clock stays paused, its due instant the one it would have if resumed at the pause.
 */
export function reallotClock(
  calendar: WorkingCalendar,
  clock: DeadlineClock,
  allotted: number,
): DeadlineClock {
  const remaining = clock.remaining + (allotted - clock.allotted);
  const base = clock.base ?? clock.pausedAt ?? clock.countingFrom;
  return withDue(calendar, { ...clock, allotted, remaining }, new Date(base));
}

/**
 * `recomputeClock`, or null when neither its due instant nor its due-soon instant moves (a paused clock
 * never moves). Formats instants only for a clock that moved: after a calendar change most clocks of a
 * large recomputation are compared, fewer rewritten.
 */
export function recomputeClockIfMoved(calendar: WorkingCalendar, clock: DeadlineClock): DeadlineClock | null {
  if (clock.base === null) return null;
  const due = calendar.addWorkingTimeMs(Date.parse(clock.base), clock.remaining);
  const soon = calendar.addWorkingTimeMs(due, -dueSoonThreshold(clock.allotted));
  if (due === Date.parse(clock.dueAt) && soon === Date.parse(clock.dueSoonAt)) return null;
  return {
    ...clock,
    dueAt: new Date(due).toISOString(),
    dueSoonAt: new Date(soon).toISOString(),
    calendarVersion: calendar.version,
  };
}

export function deadlineStatus(clock: DeadlineClock, now: Date): DeadlineStatus {
  if (clock.base === null) return clock.remaining <= 0 ? 'overdue' : 'on_track';
  const t = now.getTime();
  if (t > Date.parse(clock.dueAt)) return 'overdue';
  if (t >= Date.parse(clock.dueSoonAt)) return 'due_soon';
  return 'on_track';
}

/**
 * Early: finished on a day before the due day; on time: on the due day, not after the due
 * instant; late: after it. Days are Vietnam calendar days.
 */
export function classifyOutcome(dueAt: Date, finishedAt: Date): DeadlineOutcome {
  if (finishedAt.getTime() > dueAt.getTime()) return 'late';
  const day = (d: Date) => Math.floor((d.getTime() + VIETNAM_OFFSET_MS) / 86_400_000);
  return day(finishedAt) < day(dueAt) ? 'early' : 'on_time';
}
