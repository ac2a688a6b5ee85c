import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { TaskEventDto } from '@lienthong/contracts';
import { Clock } from '../common/clock/clock';
import { type TaskEventRow, TaskEventsRepository } from './task-events.repository';

/** Rows read per statement (more: read again at once). */
const READ_BATCH = 1000;
/**
 * An id skipped by the events read so far belongs to a transaction not yet committed (ids are taken at
 * insert, rows seen at commit) or rolled back: it is looked for again until this old, then given up.
 */
const GAP_MS = 10_000;
/** Gaps tracked at most (a larger jump is taken as rolled-back ids). */
const MAX_GAPS = 1000;
/**
 * How often a process with an open stream reads the new events. No NOTIFY per command: at 500
 * commands/s a NOTIFY at each commit cost PostgreSQL about 0.3 ms per completion (its queue's
 * database-wide lock and a wake-up of every listener, ADR 0007 session 7), while one read every
 * 250 ms takes whatever committed meanwhile in one statement.
 */
const POLL_MS = 250;
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
 * The live inboxes' events in this engine process: while a stream is open, every POLL_MS the reader
 * reads the rows after the last one seen (every process's commands and sweeps insert into
 * task_events) and pushes them to this process's open streams. Ids are
 * taken at insert but seen at commit, so a row may appear below the last id seen: skipped ids are
 * looked for again for GAP_MS. Purges events older than KEEP_MS every hour.
 */
@Injectable()
export class LiveEvents implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveEvents.name);
  private readonly subscribers = new Set<LiveSubscriber>();
  private last = 0n;
  /** Skipped ids, with when they were first skipped (machine ms). */
  private readonly gaps = new Map<bigint, number>();
  private reading: Promise<void> | null = null;
  private again = false;
  private pollTimer: NodeJS.Timeout | null = null;
  /** The last read failed (logged once, until a read succeeds again). */
  private failing = false;
  /** Events were not read while no stream was open: `last` is caught up when one opens. */
  private stale = false;
  private purgeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly events: TaskEventsRepository,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    this.last = BigInt(await this.events.lastId());
    this.pollTimer = setInterval(() => void this.read(), POLL_MS).unref();
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
    if (this.pollTimer !== null) clearInterval(this.pollTimer);
    for (const s of [...this.subscribers]) s.end();
    this.subscribers.clear();
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

  /**
   * Reads the new events (one reader at a time; a tick during a read reads again after it). With no
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
        if (this.failing) this.logger.log('Reading task events works again');
        this.failing = false;
      } catch (error) {
        if (!this.failing) {
          this.logger.warn(
            `Reading task events failed (tried again every ${POLL_MS} ms): ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        this.failing = true;
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
}
