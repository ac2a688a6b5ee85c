import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_OFFICE_HOURS,
  DEFAULT_OFFICIAL_DECISIONS,
  InvalidCalendarConfigError,
  parseOfficialDecisions,
  WorkingCalendar,
  type CalendarHoliday,
  type MakeUpWorkingDay,
  type OfficialDecision,
  type WorkingCalendarOptions,
} from '@lienthong/calendar';
import { Subject, type Observable } from 'rxjs';
import { badRequest, unprocessable } from '../common/problem/problem.exception';
import { Db } from '../database/db.service';
import { Clock } from '../common/clock/clock';
import {
  breaksOf,
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  databaseDecisionsVersion,
  decisionFieldErrors,
  isCalendarYear,
  recomputationReason,
  sameDecisions,
  sortDecisions,
  type DecisionBreak,
} from './calendar.util';
import { NotificationListener, type ListenConnection } from '../database/notification-listener.util';
import { CALENDAR_CHANNEL, CalendarRepository, type StoredRow } from './calendar.repository';

export { CALENDAR_CHANNEL } from './calendar.repository';
/** Catch-up check of the data version while the LISTEN works (a safety net only). */
export const CALENDAR_POLL_MS = 60_000;
/** Reconnection delay of the LISTEN (doubling up to the max); also the check interval while it is down. */
export const CALENDAR_RETRY_MS = 1_000;
export const CALENDAR_MAX_RETRY_MS = 15_000;

/**
 * Office hours, weekly pattern and default cut-off of the engine's calendar: the library defaults
 * (Monday-Friday 07:30-11:30 and 13:00-17:00, no cut-off; procedures pass their own cut-off).
 */
export const CALENDAR_SETTINGS: Readonly<Omit<WorkingCalendarOptions, 'decisions'>> = {
  officeHours: DEFAULT_OFFICE_HOURS,
  cutoff: 'none',
};

/** Where the decisions in force come from: the table, or (never written) the library's data. */
export type CalendarSource = 'database' | 'default';

/** A change of the calendar in force, published on `CalendarService.changes$` after it is in force here. */
export interface CalendarChange {
  /** Id of the `calendar_changes` audit row. */
  readonly changeId: string;
  readonly at: Date;
  /** The year whose decisions were replaced. */
  readonly year: number;
  readonly actor: string;
  readonly reason: string | null;
  /** `WorkingCalendar.version` before and after. */
  readonly previousVersion: string;
  readonly version: string;
  /**
   * `local`: made by this process (`replaceYear`); `remote`: made by another engine process on the same
   * database and picked up by NOTIFY or the catch-up check. Work that writes to the database (e.g.
   * recomputing open due instants) should run for `local` changes only, in-memory caches for both.
   */
  readonly origin: 'local' | 'remote';
}

export interface YearDecisions {
  readonly year: number;
  readonly source: CalendarSource;
  /** Data version of the decisions in force (`db-<n>`, or the library data's version). */
  readonly decisionsVersion: string;
  readonly calendarVersion: string;
  readonly decisions: OfficialDecision[];
}

export interface YearHolidays {
  readonly year: number;
  readonly calendarVersion: string;
  /** Days off for holiday reasons (weekends are not listed), in date order. */
  readonly holidays: CalendarHoliday[];
  /** Days worked by decision although otherwise off (làm bù), usually Saturdays. */
  readonly workingSaturdays: MakeUpWorkingDay[];
  /** The breaks (`daysOff`) the decisions of the year fix, weekends included. */
  readonly breaks: DecisionBreak[];
}

export interface ReplaceYearResult {
  /** False when the decisions given were those in force already: nothing was written. */
  readonly changed: boolean;
  readonly year: number;
  readonly previousVersion: string;
  readonly version: string;
  readonly decisionsVersion: string;
  /** The audit row written, null when nothing changed. */
  readonly changeId: string | null;
  /** The decisions of the year now in force, normalised. */
  readonly decisions: OfficialDecision[];
  /** The holidays of the year in the calendar resulting from this call. */
  readonly holidays: YearHolidays;
}

/** The calendar in force and what it was built from. */
interface CalendarState {
  readonly calendar: WorkingCalendar;
  readonly source: CalendarSource;
  /** Id of the last `calendar_changes` row (0 when none): orders states across processes. */
  readonly changeSeq: bigint;
  readonly decisions: readonly OfficialDecision[];
}

const NO_CHANGES_AFTER = '9223372036854775807';

/**
 * The engine's working calendar: built from the official decisions stored in `calendar_decisions`
 * (or the library's data while that table has never been written), kept in memory, rebuilt when a year's
 * decisions are replaced here or in another engine process (LISTEN `lt_calendar`, with a catch-up
 * check as a fallback). Deadline code calls `current()`, synchronous and cheap, and records
 * `current().version` with what it computes; it subscribes to `changes$` to recompute.
 */
@Injectable()
export class CalendarService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CalendarService.name);
  private readonly subject = new Subject<CalendarChange>();
  private state: CalendarState | undefined;
  /** Changes this process is committing: their events are published by replaceYear, not by refresh. */
  private readonly localChanges = new Set<string>();
  private readonly listener: NotificationListener;
  private refreshing: Promise<boolean> | null = null;
  private refreshQueued: Promise<boolean> | null = null;

  constructor(
    private readonly db: Db,
    private readonly calendars: CalendarRepository,
    private readonly clock: Clock,
  ) {
    this.listener = new NotificationListener({
      channel: CALENDAR_CHANNEL,
      connect: () => this.connectListener(),
      onNotification: (payload) => this.onNotification(payload),
      poll: () => this.checkForChanges(),
      pollMs: CALENDAR_POLL_MS,
      retryMs: CALENDAR_RETRY_MS,
      maxRetryMs: CALENDAR_MAX_RETRY_MS,
      logger: this.logger,
    });
  }

  /** LISTEN first (so that no change slips between the load and the LISTEN), then load the calendar. */
  async onModuleInit(): Promise<void> {
    await this.listener.start();
    try {
      await this.refresh();
    } catch (error) {
      await this.listener.stop();
      throw error;
    }
    const state = this.loaded();
    this.logger.log(`Working calendar ${state.calendar.version} (${state.source} decisions)`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
    await this.refreshing?.catch(() => undefined);
    this.subject.complete();
  }

  /** Changes of the calendar in force, after the new calendar is in force in this process. */
  get changes$(): Observable<CalendarChange> {
    return this.subject.asObservable();
  }

  /** The calendar in force. Synchronous and cheap (rebuilt only when the decisions change). */
  current(): WorkingCalendar {
    return this.loaded().calendar;
  }

  /** `current().version`: record it with every deadline computed. */
  get version(): string {
    return this.loaded().calendar.version;
  }

  /** Where the decisions in force come from. */
  get source(): CalendarSource {
    return this.loaded().source;
  }

  /** True while the LISTEN connection is up (else changes of other processes arrive by the catch-up check). */
  get listening(): boolean {
    return this.listener.listening;
  }

  /** The decisions in force for `year` (stored, or the library's), with the data version. */
  decisionsOf(year: number): YearDecisions {
    assertYear(year);
    const state = this.loaded();
    return {
      year,
      source: state.source,
      decisionsVersion: state.calendar.decisionsVersion,
      calendarVersion: state.calendar.version,
      decisions: sortDecisions(state.decisions.filter((decision) => decision.year === year)),
    };
  }

  /** The holidays, làm bù days and decision breaks of `year` in the calendar in force. */
  holidaysOf(year: number): YearHolidays {
    assertYear(year);
    const state = this.loaded();
    return holidaysOfState(state, year);
  }

  /**
   * Replaces the official decisions of `year` (all of them: those not given are removed), in one
   * transaction serialised by an advisory lock, with an audit row and a NOTIFY; then the new calendar is
   * in force here and `changes$` emits. The decisions are validated with `parseOfficialDecisions`, alone
   * and merged with the other years' (422 problem naming the path otherwise); each must have `year`.
   * The first write copies the library's decisions of the other years into the table.
   * Giving the decisions already in force changes nothing (`changed: false`, no audit row, no event).
   *
   * Authorization: anyone reaching the API may call this until the identity issue lands; it will then
   * require an administrator of the calendar.
   */
  async replaceYear(
    year: number,
    decisions: readonly unknown[],
    actor: string,
    reason?: string,
  ): Promise<ReplaceYearResult> {
    assertYear(year);
    if (!Array.isArray(decisions)) throw badRequest('decisions: expected an array of official decisions.');
    const submitted = parseSubmitted(year, decisions);
    const why = reason === undefined || reason.trim() === '' ? null : reason.trim();
    if (why !== null && why.length > 1000) {
      throw badRequest('The reason is too long.', [{ path: 'reason', message: 'at most 1000 characters' }]);
    }
    const at = this.clock.now();
    let pending: string | undefined;
    try {
      const outcome = await this.db.transaction(async (sql) => {
        await this.calendars.lock(sql);
        const stored = this.stateOf(await this.calendars.load(sql, NO_CHANGES_AFTER));
        const ofYear = stored.decisions.filter((decision) => decision.year === year);
        if (sameDecisions(ofYear, submitted)) return { changed: false as const, stored };

        const merged = parseMerged(
          [...stored.decisions.filter((decision) => decision.year !== year), ...submitted],
          decisions,
        );
        const changeId = await this.calendars.nextChangeId(sql);
        pending = changeId;
        this.localChanges.add(changeId);
        const calendar = new WorkingCalendar({
          ...CALENDAR_SETTINGS,
          decisions: { version: databaseDecisionsVersion(BigInt(changeId)), decisions: merged },
        });

        // The first write materialises the library's decisions: from then on the table is the whole set.
        const written = stored.source === 'default' ? merged : submitted;
        if (stored.source === 'default') await this.calendars.deleteDecisions(sql);
        else await this.calendars.deleteDecisionsOf(sql, year);
        if (written.length > 0) {
          await this.calendars.insertDecisions(sql, written, actor, at);
        }
        await this.calendars.insertChange(sql, {
          id: changeId,
          at,
          year,
          actor,
          reason: why,
          previousVersion: stored.calendar.version,
          version: calendar.version,
          decisions: submitted,
        });
        // The open due instants are to be computed again with the new calendar: DeadlineRecomputer carries
        // this out (here, at once; or at the next start of an engine process if this one stops first).
        await this.calendars.requestRecomputation(sql, {
          changeId,
          calendarVersion: calendar.version,
          reason: recomputationReason(year, stored.calendar.version, calendar.version, why),
          actor,
          at,
        });
        await this.calendars.notifyChange(sql, changeId);
        const next: CalendarState = {
          calendar,
          source: 'database',
          changeSeq: BigInt(changeId),
          decisions: merged,
        };
        return { changed: true as const, stored, next, changeId };
      });

      // Changes of other processes committed before ours and not seen here yet: in force and published
      // (as remote) first, so that subscribers see every change in order.
      if (outcome.stored.changeSeq > (this.state?.changeSeq ?? 0n)) await this.catchUp();

      if (!outcome.changed) {
        const state = outcome.stored;
        return {
          changed: false,
          year,
          previousVersion: state.calendar.version,
          version: state.calendar.version,
          decisionsVersion: state.calendar.decisionsVersion,
          changeId: null,
          decisions: sortDecisions(submitted),
          holidays: holidaysOfState(state, year),
        };
      }

      const change: CalendarChange = {
        changeId: outcome.changeId,
        at,
        year,
        actor,
        reason: why,
        previousVersion: outcome.stored.calendar.version,
        version: outcome.next.calendar.version,
        origin: 'local',
      };
      this.apply(outcome.next, []);
      this.subject.next(change);
      return {
        changed: true,
        year,
        previousVersion: change.previousVersion,
        version: change.version,
        decisionsVersion: outcome.next.calendar.decisionsVersion,
        changeId: outcome.changeId,
        decisions: sortDecisions(submitted),
        holidays: holidaysOfState(outcome.next, year),
      };
    } finally {
      if (pending !== undefined) this.localChanges.delete(pending);
    }
  }

  /**
   * Reloads the decisions from the database and, when they changed (in another process), puts the new
   * calendar in force and emits its changes (`origin: 'remote'`). Concurrent calls share one reload (and
   * one more, when called during a reload). Resolves true when the calendar changed.
   */
  refresh(): Promise<boolean> {
    if (this.refreshQueued !== null) return this.refreshQueued;
    if (this.refreshing !== null) {
      const queued = this.refreshing
        .catch(() => false)
        .then(() => {
          this.refreshQueued = null;
          return this.startRefresh();
        });
      this.refreshQueued = queued;
      return queued;
    }
    return this.startRefresh();
  }

  private startRefresh(): Promise<boolean> {
    const run = this.reload().finally(() => {
      if (this.refreshing === run) this.refreshing = null;
    });
    this.refreshing = run;
    return run;
  }

  private async reload(): Promise<boolean> {
    const after = this.state === undefined ? NO_CHANGES_AFTER : this.state.changeSeq.toString();
    const row = await this.calendars.load(this.db.query, after);
    const next = this.stateOf(row);
    const changes: CalendarChange[] = row.changes.map((change) => ({
      changeId: change.id,
      at: new Date(change.at),
      year: change.year,
      actor: change.actor,
      reason: change.reason,
      previousVersion: change.previousVersion,
      version: change.version,
      origin: 'remote',
    }));
    return this.apply(next, changes);
  }

  /** refresh(), its failure logged (the caller goes on with what it has). */
  private async catchUp(): Promise<void> {
    await this.refresh().catch((error: unknown) =>
      this.logger.error(`Reloading the calendar failed: ${messageOf(error)}`),
    );
  }

  /** The catch-up check: one cheap query, a reload only when the data version moved. */
  private async checkForChanges(): Promise<void> {
    const seq = BigInt((await this.calendars.lastChangeId()) ?? '0');
    if (this.state === undefined || seq !== this.state.changeSeq) await this.refresh();
  }

  private onNotification(payload: string | undefined): void {
    if (this.state !== undefined && payload !== undefined && /^\d+$/.test(payload)) {
      if (BigInt(payload) <= this.state.changeSeq) return; // ours, or already loaded
    }
    void this.catchUp();
  }

  /** Builds the state a stored row describes (reusing the calendar in force when it is the same data). */
  private stateOf(row: StoredRow): CalendarState {
    const changeSeq = BigInt(row.change_id ?? '0');
    if (row.change_id === null && row.decision_count === 0) {
      if (this.state?.source === 'default') return this.state;
      return {
        calendar: new WorkingCalendar({ ...CALENDAR_SETTINGS, decisions: DEFAULT_OFFICIAL_DECISIONS }),
        source: 'default',
        changeSeq,
        decisions: DEFAULT_OFFICIAL_DECISIONS.decisions,
      };
    }
    if (this.state?.source === 'database' && this.state.changeSeq === changeSeq) return this.state;
    const version = databaseDecisionsVersion(changeSeq);
    let decisions: OfficialDecision[];
    try {
      decisions = parseOfficialDecisions({ version, decisions: row.decisions }).decisions;
    } catch (error) {
      throw new Error(
        `The official decisions stored in calendar_decisions are invalid: ${messageOf(error)}`,
        {
          cause: error,
        },
      );
    }
    return {
      calendar: new WorkingCalendar({ ...CALENDAR_SETTINGS, decisions: { version, decisions } }),
      source: 'database',
      changeSeq,
      decisions,
    };
  }

  /** Puts `next` in force unless ours is as recent; emits the remote changes. True when it changed. */
  private apply(next: CalendarState, changes: readonly CalendarChange[]): boolean {
    const previous = this.state;
    if (previous !== undefined && (next === previous || next.changeSeq <= previous.changeSeq)) {
      return false;
    }
    this.state = next;
    if (previous === undefined) return true;
    this.logger.log(`Working calendar ${previous.calendar.version} -> ${next.calendar.version}`);
    for (const change of changes) {
      if (!this.localChanges.has(change.changeId)) this.subject.next(change);
    }
    return true;
  }

  private loaded(): CalendarState {
    if (this.state === undefined) {
      throw new Error('The working calendar is not loaded yet (CalendarService.onModuleInit has not run)');
    }
    return this.state;
  }

  /** A connection of its own for LISTEN, with the connection settings of the Db's pool. */
  private connectListener(): Promise<ListenConnection> {
    return this.db.connect('lienthong-calendar-listener');
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function assertYear(year: number): void {
  if (!isCalendarYear(year)) {
    throw badRequest(`The year must be an integer from ${CALENDAR_MIN_YEAR} to ${CALENDAR_MAX_YEAR}.`, [
      { path: 'year', message: `expected ${CALENDAR_MIN_YEAR}-${CALENDAR_MAX_YEAR}, got ${String(year)}` },
    ]);
  }
}

function holidaysOfState(state: CalendarState, year: number): YearHolidays {
  return {
    year,
    calendarVersion: state.calendar.version,
    holidays: state.calendar.holidays(year),
    workingSaturdays: state.calendar.makeUpWorkingDays(year),
    breaks: breaksOf(state.decisions, year),
  };
}

/** The submitted decisions of `year`, normalised; 422 naming the path when invalid. */
function parseSubmitted(year: number, decisions: readonly unknown[]): OfficialDecision[] {
  let parsed: OfficialDecision[];
  try {
    parsed = parseOfficialDecisions({ version: 'submitted', decisions }).decisions;
  } catch (error) {
    if (!(error instanceof InvalidCalendarConfigError)) throw error;
    throw unprocessable(
      `The decisions of ${year} are invalid: ${stripPrefix(error.message)}`,
      decisionFieldErrors(error, decisions),
    );
  }
  const errors = parsed.flatMap((decision, i) =>
    decision.year === year
      ? []
      : [
          {
            path: `decisions[${i}].year`,
            message: `expected ${year} (the year in the path), got ${decision.year}`,
          },
        ],
  );
  if (errors.length > 0) {
    throw unprocessable(`Every decision replacing those of ${year} must have year ${year}.`, errors);
  }
  return parsed;
}

/** The whole set after the replacement, validated; 422 naming the submitted decision in conflict. */
function parseMerged(merged: OfficialDecision[], submitted: readonly unknown[]): OfficialDecision[] {
  try {
    return parseOfficialDecisions({ version: 'merged', decisions: merged }).decisions;
  } catch (error) {
    if (!(error instanceof InvalidCalendarConfigError)) throw error;
    throw unprocessable(
      `The decisions conflict with those of other years: ${stripPrefix(error.message)}`,
      decisionFieldErrors(error, submitted),
    );
  }
}

function stripPrefix(message: string): string {
  return message.replace(/^Official decisions, /, '');
}
