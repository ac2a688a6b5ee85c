/** The state of the live stream, as the indicator shows it. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'off';

/** A step event of the stream (`event: task`), as the engine's TaskEventDto. */
export interface LiveTaskEvent {
  readonly id: string;
  readonly type: string;
  readonly taskId: string;
  readonly dossierId: string;
}

export interface LiveConnectionOptions {
  /** A fresh stream ticket (POST /api/v1/events/ticket); null when the session is gone. */
  readonly ticket: () => Promise<string | null>;
  readonly onTask: (event: LiveTaskEvent) => void;
  /** More was missed than the engine can send again, or the stream came back after a break: refetch. */
  readonly onReset: () => void;
  /** The EventSource constructor (the browser's; a test's fake). */
  readonly eventSource?: new (url: string) => EventSource;
  readonly firstRetryMs?: number;
  readonly maxRetryMs?: number;
}

/** The next wait before reconnecting: doubled after each failure, up to `max`, with some jitter. */
export function nextDelay(previous: number, first: number, max: number, random = Math.random): number {
  const doubled = previous === 0 ? first : Math.min(previous * 2, max);
  return Math.round(doubled * (0.8 + 0.4 * random()));
}

/**
 * The engine's live event stream (GET /api/v1/events/stream), opened with a ticket. The browser's own
 * reconnection would reuse an expired ticket, so on any error this closes the EventSource, waits with
 * backoff, asks for a new ticket and reopens with `lastEventId=` (the engine then sends what was missed,
 * or a `reset`).
 */
export class LiveConnection {
  private source: EventSource | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay = 0;
  private lastEventId: string | null = null;
  private stopped = false;
  private current: LiveStatus = 'off';
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: LiveConnectionOptions) {}

  get status(): LiveStatus {
    return this.current;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    this.stopped = false;
    this.set('connecting');
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
    this.set('off');
  }

  private set(status: LiveStatus): void {
    if (this.current === status) return;
    this.current = status;
    for (const l of this.listeners) l();
  }

  private async open(): Promise<void> {
    let ticket: string | null;
    try {
      ticket = await this.options.ticket();
    } catch {
      return this.retry();
    }
    if (this.stopped) return;
    if (ticket === null) return this.stop();
    const query = new URLSearchParams({ ticket });
    if (this.lastEventId !== null) query.set('lastEventId', this.lastEventId);
    const Source = this.options.eventSource ?? EventSource;
    const source = new Source(`/api/v1/events/stream?${query.toString()}`);
    this.source = source;
    source.onopen = () => {
      this.delay = 0;
      this.set('live');
      // Without an event id to resume from (the first opening, or a break before any event), what
      // changed before the stream opened is unknown: refetch once.
      if (this.lastEventId === null) this.options.onReset();
    };
    source.addEventListener('task', (e) => {
      const message = e as MessageEvent<string>;
      if (message.lastEventId) this.lastEventId = message.lastEventId;
      try {
        this.options.onTask(JSON.parse(message.data) as LiveTaskEvent);
      } catch {
        // not an event of ours
      }
    });
    source.addEventListener('reset', (e) => {
      const message = e as MessageEvent<string>;
      if (message.lastEventId) this.lastEventId = message.lastEventId;
      this.options.onReset();
    });
    source.onerror = () => {
      if (this.source !== source) return;
      source.close();
      this.source = null;
      this.retry();
    };
  }

  private retry(): void {
    if (this.stopped) return;
    this.set('reconnecting');
    this.delay = nextDelay(this.delay, this.options.firstRetryMs ?? 1_000, this.options.maxRetryMs ?? 30_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.open();
    }, this.delay);
  }
}
