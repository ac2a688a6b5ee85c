import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { TaskEventDto } from '@lienthong/contracts';
import { Clock } from '../common/clock/clock';
import { Db } from '../database/db.service';
import { type ListenConnection, NotificationListener } from '../database/notification-listener.util';
import { type TaskEventRow, TaskEventsRepository } from './task-events.repository';

/** The NOTIFY channel of task_events (its trigger, see the migration TaskEvents1764650000000). */
export const TASK_EVENTS_CHANNEL = 'lt_task_events';
/** Rows read per statement after a NOTIFY (more: read again at once). */
const READ_BATCH = 1000;
/**
 * An id skipped by the events read so far belongs to a transaction not yet committed (ids are taken at
 * insert, rows seen at commit) or rolled back: it is looked for again until this old, then given up.
 */
const GAP_MS = 10_000;
/** Gaps tracked at most (a larger jump is taken as rolled-back ids). */
const MAX_GAPS = 1000;
/** Catch-up check while listening (a NOTIFY normally wakes the reader at once). */
const POLL_MS = 5_000;
/**
 * A NOTIFY wakes the reader this much later: the events of the commands committed meanwhile are read
 * by one statement (under load, one read per batch of commands rather than per command).
 */
const COALESCE_MS = 25;
/** Events are kept a day (a browser reconnecting later refetches its inbox). */
export const KEEP_MS = 24 * 3600_000;
const PURGE_EVERY_MS = 3600_000;
const PURGE_BATCH = 5000;

/** An open stream, fed by `LiveEvents`. */
export interface LiveSubscriber {
  push(event: TaskEventRow): void;
  /** The process stops: end the stream (the browser reconnects to another process). */
  end(): void;
}

export function toTaskEventDto(row: TaskEventRow): TaskEventDto {
  return {
    id: row.id,
    type: row.type as TaskEventDto['type'],
    taskId: row.task_id,
    dossierId: row.dossier_id,
    unit: row.unit,
    assignee: row.assignee,
    deadlineStatus: row.deadline_status as TaskEventDto['deadlineStatus'],
    at: new Date(row.at).toISOString(),
  };
}

/**
 * The live inboxes' events in this engine process: a LISTEN on `lt_task_events` (every process's
 * commands and sweeps insert into task_events, whose trigger NOTIFYs at commit) wakes a reader that
 * reads the rows after the last one seen and pushes them to this process's open streams. Ids are
 * taken at insert but seen at commit, so a row may appear below the last id seen: skipped ids are
 * looked for again for GAP_MS. Purges events older than KEEP_MS every hour.
 */
@Injectable()
export class LiveEvents implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveEvents.name);
  private readonly listener: NotificationListener;
  private readonly subscribers = new Set<LiveSubscriber>();
  private last = 0n;
  /** Skipped ids, with when they were first skipped (machine ms). */
  private readonly gaps = new Map<bigint, number>();
  private reading: Promise<void> | null = null;
  private again = false;
  private wakeTimer: NodeJS.Timeout | null = null;
  /** Events were not read while no stream was open: `last` is caught up when one opens. */
  private stale = false;
  private purgeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly events: TaskEventsRepository,
    private readonly clock: Clock,
  ) {
    this.listener = new NotificationListener({
      channel: TASK_EVENTS_CHANNEL,
      connect: () => this.connect(),
      onNotification: () => this.wake(),
      poll: () => this.read(),
      pollMs: POLL_MS,
      retryMs: 1_000,
      maxRetryMs: 15_000,
      logger: this.logger,
    });
  }

  async onModuleInit(): Promise<void> {
    this.last = BigInt(await this.events.lastId());
    await this.listener.start();
  }

  onApplicationBootstrap(): void {
    const purge = () =>
      void this.purge().catch((error: unknown) =>
        this.logger.warn(
          `Purging old task events failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    this.purgeTimer = setInterval(purge, PURGE_EVERY_MS).unref();
    purge();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.purgeTimer !== null) clearInterval(this.purgeTimer);
    if (this.wakeTimer !== null) clearTimeout(this.wakeTimer);
    for (const s of [...this.subscribers]) s.end();
    this.subscribers.clear();
    await this.listener.stop();
    await this.reading;
  }

  /** The last event id this process has seen ('0': none yet). */
  get lastId(): string {
    return this.last.toString();
  }

  /** Open streams of this process. */
  get streams(): number {
    return this.subscribers.size;
  }

  /**
   * Adds a stream; once this resolves, `lastId` is current (while no stream was open, nothing was read)
   * and every later event is pushed to it.
   */
  async subscribe(subscriber: LiveSubscriber): Promise<() => void> {
    this.subscribers.add(subscriber);
    const unsubscribe = () => void this.subscribers.delete(subscriber);
    if (this.stale) {
      await this.reading;
      if (this.stale) {
        this.stale = false;
        this.gaps.clear();
        const last = BigInt(await this.events.lastId());
        if (last > this.last) this.last = last;
      }
    }
    return unsubscribe;
  }

  /** Deletes the events older than KEEP_MS (engine time, as their `at`); answers how many. */
  async purge(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - KEEP_MS);
    let removed = 0;
    for (;;) {
      const n = await this.events.purge(before, PURGE_BATCH);
      removed += n;
      if (n < PURGE_BATCH) return removed;
    }
  }

  private wake(): void {
    this.wakeTimer ??= setTimeout(() => {
      this.wakeTimer = null;
      void this.read();
    }, COALESCE_MS);
  }

  /**
   * Reads the new events (one reader at a time; a wake-up during a read reads again after it). With no
   * stream open in this process, reads nothing (see subscribe).
   */
  read(): Promise<void> {
    if (this.subscribers.size === 0) {
      this.stale = true;
      return Promise.resolve();
    }
    if (this.reading !== null) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      try {
        do {
          this.again = false;
          await this.readOnce();
        } while (this.again);
      } catch (error) {
        this.logger.warn(
          `Reading task events failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  private async readOnce(): Promise<void> {
    const now = this.clock.machineMs();
    for (const [id, since] of this.gaps) if (now - since > GAP_MS) this.gaps.delete(id);
    const rows = await this.events.after(this.last.toString(), [...this.gaps.keys()].map(String), READ_BATCH);
    for (const row of rows) {
      const id = BigInt(row.id);
      if (id > this.last) {
        if (id - this.last - 1n <= BigInt(MAX_GAPS - this.gaps.size))
          for (let gap = this.last + 1n; gap < id; gap++) this.gaps.set(gap, now);
        this.last = id;
      } else {
        this.gaps.delete(id);
      }
      for (const s of this.subscribers) s.push(row);
    }
    if (rows.length === READ_BATCH) this.again = true;
  }

  private connect(): Promise<ListenConnection> {
    return this.db.connect('lienthong-task-events-listener');
  }
}
