import type { ServerResponse } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { AuthService } from '../identity/auth.service';
import type { Principal } from '../identity/principal';
import { LiveEvents, toTaskEventDto } from './live-events.service';
import { seesTaskEvent } from './task-event-visibility.util';
import { type TaskEventRow, TaskEventsRepository } from './task-events.repository';

/** A heartbeat comment keeps proxies and the browser from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;
/** Events sent to a reconnecting browser at most; more missed: a `reset` (refetch the inbox). */
export const CATCH_UP_LIMIT = 500;
/** The browser's reconnection delay (the web app reconnects by itself, with backoff). */
const RETRY_MS = 2_000;

/** One SSE event: `id:` the event id, `event: task`, `data:` a TaskEventDto. */
function taskEvent(row: TaskEventRow): string {
  return `id: ${row.id}\nevent: task\ndata: ${JSON.stringify(toTaskEventDto(row))}\n\n`;
}

/**
 * The server-sent event streams of signed-in people: on opening, the events missed since
 * `Last-Event-ID` (or a `reset` when more were missed than CATCH_UP_LIMIT, or some were purged), then
 * every event of LiveEvents the person's inbox shows (seesTaskEvent), and a heartbeat comment every
 * HEARTBEAT_MS; the stream ends when the session is revoked or the process stops.
 */
@Injectable()
export class LiveStreams {
  private readonly logger = new Logger(LiveStreams.name);

  constructor(
    private readonly live: LiveEvents,
    private readonly events: TaskEventsRepository,
    private readonly auth: AuthService,
  ) {}

  async open(
    principal: Principal,
    lastEventId: string | undefined,
    res: ServerResponse,
    onClose: (listener: () => void) => void,
  ): Promise<void> {
    let open = true;
    let caughtUp = false;
    const waiting: TaskEventRow[] = [];
    /** Ids sent by the catch-up (at most CATCH_UP_LIMIT): the reader of LiveEvents may push them again. */
    const sent = new Set<string>();
    const send = (row: TaskEventRow) => {
      if (open && !sent.has(row.id) && seesTaskEvent(principal, row)) res.write(taskEvent(row));
    };
    let unsubscribe = (): void => undefined;
    const timer: { heartbeat?: NodeJS.Timeout } = {};
    const close = () => {
      if (!open) return;
      open = false;
      clearInterval(timer.heartbeat);
      unsubscribe();
      res.end();
    };
    onClose(close);
    const stop = await this.live.subscribe({
      push: (row) => (caughtUp ? send(row) : waiting.push(row)),
      end: () => close(),
    });
    // The browser went away while the stream was being added.
    if (!open) return stop();
    unsubscribe = stop;
    timer.heartbeat = setInterval(() => {
      if (!this.auth.isSessionLive(principal.sessionId)) return close();
      res.write(': heartbeat\n\n');
    }, HEARTBEAT_MS).unref();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and the like: pass each event on at once.
      'x-accel-buffering': 'no',
    });
    res.write(`retry: ${RETRY_MS}\n: stream open\n\n`);
    try {
      if (lastEventId !== undefined) await this.catchUp(principal, lastEventId, res, sent);
    } catch (error) {
      // The answer has begun: end the stream (the browser reconnects and catches up then).
      this.logger.warn(
        `A stream's catch-up failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return close();
    }
    caughtUp = true;
    for (const row of waiting) send(row);
  }

  /** The events missed since `lastEventId`, or a `reset` when they cannot all be sent. */
  private async catchUp(
    principal: Principal,
    lastEventId: string,
    res: ServerResponse,
    sent: Set<string>,
  ): Promise<void> {
    const last = BigInt(lastEventId);
    const { rows, oldest, newest } = await this.events.missed(
      principal.unit,
      lastEventId,
      CATCH_UP_LIMIT + 1,
    );
    if (newest === null || BigInt(newest) <= last) return;
    // Purged after the browser's last event (or more than a catch-up): the browser refetches instead.
    const purged = oldest === null || BigInt(oldest) > last + 1n;
    if (rows.length > CATCH_UP_LIMIT || purged) {
      res.write(`id: ${newest}\nevent: reset\ndata: {}\n\n`);
      return;
    }
    for (const row of rows) {
      sent.add(row.id);
      if (seesTaskEvent(principal, row)) res.write(taskEvent(row));
    }
  }
}
