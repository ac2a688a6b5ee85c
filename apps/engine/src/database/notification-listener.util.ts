/**
 * A PostgreSQL LISTEN that survives its connection: when the connection fails it is reopened with
 * backoff, and a catch-up `poll` runs after every (re)connection and periodically (often while the
 * LISTEN is down, rarely while it is up), so that a change made while no notification could arrive is
 * still seen. Transport-agnostic (`connect` gives the connection), hence testable without a database.
 */

/** What the listener needs of a connection (a `pg.Client` fits). */
export interface ListenConnection {
  query(text: string): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  end(): Promise<void>;
}

export interface ListenerLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface NotificationListenerOptions {
  /** The channel, a plain lower-case identifier (e.g. `lt_calendar`). */
  readonly channel: string;
  /** Opens a connection (already connected). */
  readonly connect: () => Promise<ListenConnection>;
  /** A notification on the channel arrived. */
  readonly onNotification: (payload: string | undefined) => void;
  /** Catch-up check (e.g. compare a version with the database); its errors are logged. */
  readonly poll: () => Promise<void>;
  /** Interval of the catch-up check while listening. */
  readonly pollMs: number;
  /** First delay before reconnecting (doubled on every failure up to `maxRetryMs`); also the catch-up interval while not listening. */
  readonly retryMs: number;
  readonly maxRetryMs: number;
  readonly logger: ListenerLogger;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class NotificationListener {
  private connection: ListenConnection | null = null;
  /** The connection whose LISTEN is under way. */
  private opening: ListenConnection | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retryMs: number;
  private stopped = false;
  private started = false;
  /** The tick in progress, awaited by stop(). */
  private running: Promise<void> | null = null;

  constructor(private readonly options: NotificationListenerOptions) {
    if (!CHANNEL.test(options.channel))
      throw new Error(`Invalid LISTEN channel ${JSON.stringify(options.channel)}`);
    this.retryMs = options.retryMs;
  }

  /** True while a connection is LISTENing. */
  get listening(): boolean {
    return this.connection !== null;
  }

  /** Opens the LISTEN (a failure is logged, not thrown: the catch-up check then runs until it works). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.connectOnce();
    this.schedule();
  }

  /** Closes the connection and stops the timers. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    const connection = this.connection;
    this.connection = null;
    await connection?.end().catch(() => undefined);
  }

  /** Next tick: the catch-up check while listening, a reconnection attempt (and the check) otherwise. */
  private schedule(delay = this.connection === null ? this.retryMs : this.options.pollMs): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const wasListening = this.connection !== null;
    if (!wasListening) {
      const connected = await this.connectOnce();
      this.retryMs = connected
        ? this.options.retryMs
        : Math.min(this.retryMs * 2, Math.max(this.options.maxRetryMs, this.options.retryMs));
    }
    if (this.stopped) return;
    try {
      await this.options.poll();
    } catch (error) {
      this.options.logger.warn(`${this.options.channel}: catch-up check failed: ${messageOf(error)}`);
    }
    this.schedule();
  }

  /** One attempt to connect and LISTEN; true when listening. */
  private async connectOnce(): Promise<boolean> {
    let connection: ListenConnection | undefined;
    try {
      connection = await this.options.connect();
      const current = connection;
      current.on('error', (error) => this.lost(current, `error: ${error.message}`));
      current.on('end', () => this.lost(current, 'connection ended'));
      current.on('notification', (message) => {
        // Also while LISTEN is being answered: a notification may arrive with the answer.
        const live = this.connection === current || this.opening === current;
        if (live && message.channel === this.options.channel) {
          this.options.onNotification(message.payload);
        }
      });
      this.opening = current;
      await current.query(`LISTEN ${this.options.channel}`);
      this.opening = null;
      if (this.stopped) {
        await current.end().catch(() => undefined);
        return false;
      }
      this.connection = current;
      return true;
    } catch (error) {
      this.opening = null;
      await connection?.end().catch(() => undefined);
      this.options.logger.warn(
        `${this.options.channel}: LISTEN unavailable (${messageOf(error)}); checking for changes every ` +
          `${this.retryMs} ms until it reconnects`,
      );
      return false;
    }
  }

  /** The connection failed: drop it and reconnect soon (changes missed meanwhile are caught up then). */
  private lost(connection: ListenConnection, why: string): void {
    if (this.connection !== connection) return;
    this.connection = null;
    connection.end().catch(() => undefined);
    if (this.stopped) return;
    this.options.logger.warn(`${this.options.channel}: LISTEN ${why}; reconnecting`);
    this.retryMs = this.options.retryMs;
    if (this.running === null) this.schedule(this.retryMs);
  }
}
