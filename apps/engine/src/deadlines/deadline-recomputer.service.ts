import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { deadlineStatus, type DeadlineClock, type WorkingCalendar } from '@lienthong/calendar';
import type { Client } from 'pg';
import type { Subscription } from 'rxjs';
import { CalendarService } from '../calendar/calendar.service';
import { Db } from '../database/db.service';
import { Clock } from '../common/clock/clock';
import { CalendarSource } from '../runtime/calendar-source';
import { recomputeDeadlinesInPlace } from '../runtime/deadlines';
import { DeadlineRecomputeRepository, type RecomputeRow } from './deadline-recompute.repository';

/** Dossiers read, recomputed and written per statement (one short transaction each). */
export const RECOMPUTE_BATCH = 1000;
/** Connections writing batches side by side (the engine's host has 2 cores), besides the one reading. */
export const RECOMPUTE_WORKERS = 2;
/** Attempts for a dossier changed meanwhile by a command (read again, computed again). */
const ATTEMPTS = 5;
/** How often a process waits for another one's recomputation to end (advisory lock). */
const LOCK_POLL_MS = 500;
export interface RecomputeResult {
  /** Open dossiers examined and up to date with the calendar. */
  dossiers: number;
  /** Dossiers whose due instant moved (one 'recomputed' deadline event each). */
  changed: number;
  seconds: number;
  /** False when the run stopped early (shutdown, or a newer calendar came into force): it stays pending. */
  finished: boolean;
}

type Row = RecomputeRow;

/**
 * A PostgreSQL array literal of values that need no quoting (uuids, integers, ISO instants, status
 * words) or null: built here, cheaper than the driver's general escaping of every element.
 */
function pgArray(values: ReadonlyArray<string | number | null>): string {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ',';
    const value = values[i];
    text += value === null ? 'NULL' : value;
  }
  return `${text}}`;
}

/** The mirror columns of a clock (`mirror` of runtime/deadlines, without the object). */
function mirrorStatus(clock: DeadlineClock | null, now: Date): string {
  return clock ? deadlineStatus(clock, now) : 'on_track';
}

/** The parameters of WRITE_SQL for the dossiers of a batch whose clocks moved. */
class WriteBatch {
  readonly ids: string[] = [];
  private readonly revisions: number[] = [];
  private deadlines = '';
  private readonly clocks: string[] = [];
  private readonly dueAt: Array<string | null> = [];
  private readonly dueSoonAt: Array<string | null> = [];
  private readonly statuses: string[] = [];
  private readonly appointments: Array<string | null> = [];
  private readonly previousDue: Array<string | null> = [];
  private readonly taskIds: string[] = [];
  private readonly taskDossiers: string[] = [];
  private readonly taskDueAt: Array<string | null> = [];
  private readonly taskDueSoonAt: Array<string | null> = [];
  private readonly taskStatuses: string[] = [];

  /** Adds the dossier when one of its due instants moves; false when none does (nothing to write). */
  add(row: Row, calendar: WorkingCalendar, now: Date): boolean {
    const [id, revision, state] = row;
    const before = state.dossier;
    const previousDue = before === null || before.base === null ? null : before.dueAt;
    const moved = recomputeDeadlinesInPlace(state, calendar);
    if (moved === null) return false;
    const clock = state.dossier;
    const running = clock !== null && clock.base !== null;
    this.ids.push(id);
    this.revisions.push(revision);
    this.deadlines += (this.deadlines === '' ? '' : ',') + JSON.stringify(state);
    this.clocks.push(clock === null ? 'none' : running ? 'running' : 'paused');
    this.dueAt.push(running ? clock.dueAt : null);
    this.dueSoonAt.push(running ? clock.dueSoonAt : null);
    this.statuses.push(mirrorStatus(clock, now));
    this.appointments.push(clock?.dueAt ?? null);
    this.previousDue.push(previousDue);
    for (const taskId of moved.tasks) {
      const task = state.tasks[taskId]!;
      this.taskIds.push(taskId);
      this.taskDossiers.push(id);
      this.taskDueAt.push(task.dueAt);
      this.taskDueSoonAt.push(task.dueSoonAt);
      this.taskStatuses.push(mirrorStatus(task, now));
    }
    return true;
  }

  params(now: Date, reason: string, actor: string, version: string): unknown[] {
    return [
      pgArray(this.ids),
      pgArray(this.revisions),
      `[${this.deadlines}]`,
      pgArray(this.clocks),
      pgArray(this.dueAt),
      pgArray(this.dueSoonAt),
      pgArray(this.statuses),
      pgArray(this.appointments),
      pgArray(this.previousDue),
      pgArray(this.taskIds),
      pgArray(this.taskDossiers),
      pgArray(this.taskDueAt),
      pgArray(this.taskDueSoonAt),
      pgArray(this.taskStatuses),
      now,
      reason,
      actor,
      version,
    ];
  }
}

interface Run {
  /** The `calendar_recomputations` rows this run carries out (finished together). */
  rows: string[];
  calendar: WorkingCalendar;
  /** Computed with the calendar in force: the run stops when a newer one comes into force. */
  followsCurrent: boolean;
  reason: string;
  actor: string;
}

/**
 * After a change of the official calendar (a new day off, a swapped working Saturday), computes again the
 * due instant of every running clock — open dossiers and their open steps — keeping the working time each
 * has left (paused clocks stay paused), and records a 'recomputed' deadline event for every dossier whose
 * due instant moved.
 *
 * Durable: the change's transaction records the recomputation it asks for (`calendar_recomputations`);
 * the process that made the change carries it out at once, and one left unfinished (the engine stopped)
 * is carried out when an engine process starts — again over every open dossier, those done before the stop
 * being found unchanged and not written again. One recomputation at a time across processes (advisory
 * lock), one after the other in a process; a run computing with a calendar no longer in force stops and
 * leaves its work to the next one.
 *
 * Fast: connections of its own (`synchronous_commit = off`: a recomputation is restartable), one reading
 * every open dossier by a sequential scan (a cursor, its snapshot that of the start: its transaction lasts
 * the run), two writing batches side by side, each batch one statement guarded by the dossiers' revisions —
 * a dossier changed meanwhile by a command is read again by id and computed again, never overwritten with
 * stale data.
 */
@Injectable()
export class DeadlineRecomputer implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeadlineRecomputer.name);
  private subscription: Subscription | null = null;
  /** The runs of this process, one after the other. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopping = false;
  /** The last recomputation asked for (tests and the admin API wait for it). */
  last: Promise<RecomputeResult> | null = null;
  /** Dossiers per batch and writing connections (tests make batches small). */
  batchSize = RECOMPUTE_BATCH;
  workers = RECOMPUTE_WORKERS;
  /** Test hooks: after a batch is computed (before its write), and after it is written. */
  beforeWrite: ((ids: readonly string[]) => Promise<void> | void) | null = null;
  afterBatch: (() => Promise<void> | void) | null = null;

  constructor(
    private readonly db: Db,
    private readonly store: DeadlineRecomputeRepository,
    private readonly clock: Clock,
    private readonly calendars: CalendarSource,
    private readonly calendarService: CalendarService,
  ) {}

  onModuleInit(): void {
    // The change's transaction recorded the recomputation: carry it out (with any left unfinished).
    this.subscription = this.calendarService.changes$.subscribe((change) => {
      if (change.origin === 'local') this.last = this.logged(this.schedule(() => this.resumePending()));
    });
  }

  /** Carries out the recomputations an engine process left unfinished (not awaited: boot goes on). */
  onApplicationBootstrap(): void {
    this.last = this.logged(this.schedule(() => this.resumePending()));
  }

  async onModuleDestroy(): Promise<void> {
    this.subscription?.unsubscribe();
    this.stop();
    await this.queue;
  }

  /** Stops the current run after the batches in flight; what is left stays pending. */
  stop(): void {
    this.stopping = true;
  }

  /**
   * Recomputes every open due instant with `calendar` (the calendar in force by default), recording the
   * recomputation first: if the engine stops before the end, the next start carries it out (with the
   * calendar then in force).
   */
  recomputeAll(
    reason: string,
    actor: string,
    calendar: WorkingCalendar = this.calendars.current(),
  ): Promise<RecomputeResult> {
    return this.schedule(async () => {
      const id = await this.store.request(calendar.version, reason, actor, this.clock.now());
      const followsCurrent = calendar.version === this.calendars.current().version;
      return this.run({ rows: [id], calendar, followsCurrent, reason, actor });
    });
  }

  private schedule<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private logged(run: Promise<RecomputeResult>): Promise<RecomputeResult> {
    run.then(
      (r) => {
        if (r.dossiers > 0 || r.changed > 0)
          this.logger.log(
            `Recomputed ${r.dossiers} open dossiers (${r.changed} due dates moved) in ${r.seconds.toFixed(1)} s` +
              (r.finished ? '' : ' (stopped before the end: to be resumed)'),
          );
      },
      (error: unknown) =>
        this.logger.error(
          `Recomputing due dates failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
    return run;
  }

  /** Every recomputation not finished yet, in one run with the calendar in force. */
  private async resumePending(): Promise<RecomputeResult> {
    const pending = await this.store.pending();
    const latest = pending[pending.length - 1];
    if (latest === undefined) return { dossiers: 0, changed: 0, seconds: 0, finished: true };
    return this.run({
      rows: pending.map((p) => p.id),
      calendar: this.calendars.current(),
      followsCurrent: true,
      reason: latest.reason,
      actor: latest.actor,
    });
  }

  private shouldStop(run: Run): boolean {
    return this.stopping || (run.followsCurrent && this.calendars.current().version !== run.calendar.version);
  }

  private async run(run: Run): Promise<RecomputeResult> {
    const started = performance.now();
    const result = (finished: boolean) => ({
      dossiers,
      changed,
      seconds: (performance.now() - started) / 1000,
      finished,
    });
    let dossiers = 0;
    let changed = 0;
    const clients: Client[] = [];
    try {
      for (let i = 0; i <= Math.max(1, this.workers); i++) {
        const client = await this.db.connect(`lienthong-recompute-${i}`);
        clients.push(client);
        await this.store.prepare(client);
      }
      // The first connection holds the lock and reads; the others write.
      const reader = clients[0]!;
      const writers = clients.slice(1);
      // One recomputation at a time across engine processes (session lock, released with the connection).
      for (;;) {
        if (this.shouldStop(run)) return result(false);
        if (await this.store.tryLock(reader)) break;
        await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      }
      // Another process may have carried them out meanwhile.
      const open = new Set(await this.store.pendingIds(reader));
      const rows = run.rows.filter((id) => open.has(id));
      if (rows.length === 0) return result(true);
      const progressRow = rows[rows.length - 1]!;
      await this.store.markStarted(reader, rows, this.clock.now(), run.calendar.version);

      // The scan's snapshot is that of its start: a dossier changed since fails its revision check and is read
      // again by id. Dossiers created since have clocks of the calendar in force already.
      await this.store.openScan(reader);
      let exhausted = false;
      let reading: Promise<Row[]> = Promise.resolve([]);
      const nextBatch = (): Promise<Row[]> =>
        (reading = reading.then(async () => {
          if (exhausted) return [];
          const batch = await this.store.fetch(reader, this.batchSize);
          if (batch.length < this.batchSize) exhausted = true;
          return batch;
        }));
      let failed = false;
      const outcomes = await Promise.allSettled(
        writers.map(async (client) => {
          while (!failed && !this.shouldStop(run)) {
            try {
              const batch = await nextBatch();
              if (batch.length === 0) return;
              const done = await this.recomputeBatch(client, batch, run);
              dossiers += done.dossiers;
              changed += done.changed;
              await this.store.progress(client, progressRow, done.dossiers, done.changed);
              await this.afterBatch?.();
            } catch (error) {
              failed = true;
              throw error;
            }
          }
        }),
      );
      await reading.catch(() => undefined);
      await this.store.closeScan(reader).catch(() => undefined);
      const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failure) throw failure.reason;
      if (!exhausted) return result(false);
      await this.store.markFinished(reader, rows, this.clock.now());
      return result(true);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    }
  }

  private async recomputeBatch(
    client: Client,
    scanned: Row[],
    run: Run,
  ): Promise<{ dossiers: number; changed: number }> {
    const { calendar, reason, actor } = run;
    let rows = scanned;
    let dossiers = 0;
    let changed = 0;
    for (let attempt = 1; ; attempt++) {
      const now = this.clock.now();
      const batch = new WriteBatch();
      for (const row of rows) if (!batch.add(row, calendar, now)) dossiers++;
      if (batch.ids.length === 0) break;
      await this.beforeWrite?.(batch.ids);
      const written = await this.store.write(client, batch.params(now, reason, actor, calendar.version));
      dossiers += written.length;
      for (const [, moved] of written) if (moved) changed++;
      if (written.length === batch.ids.length) break;
      // A dossier not written was changed meanwhile by a command (or ended): read it again.
      const done = new Set(written.map(([id]) => id));
      const pending = batch.ids.filter((id) => !done.has(id));
      if (attempt === ATTEMPTS) {
        this.logger.warn(
          `${pending.length} dossiers kept changing during the recomputation: left as they are`,
        );
        break;
      }
      rows = await this.store.read(client, pgArray(pending));
    }
    return { dossiers, changed };
  }
}
