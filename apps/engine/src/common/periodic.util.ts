import type { Logger } from '@nestjs/common';

/**
 * A background task run every `everyMs` in this process: a run still going when the next tick comes
 * makes that tick a no-op, a failed run is logged as a warning (the next tick tries again), and
 * `stop()` clears the timer and waits for the run in flight (graceful shutdown).
 */
export class Periodic {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly logger: Logger,
    /** Said in the warning: "<what> failed: <reason>". */
    private readonly what: string,
    private readonly run: () => Promise<unknown>,
  ) {}

  /** Starts the ticks; with `now`, runs once at once as well. */
  start(everyMs: number, { now = false }: { now?: boolean } = {}): void {
    if (now) this.tick();
    this.timer = setInterval(() => this.tick(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.run()
      .catch((error: unknown) =>
        this.logger.warn(`${this.what} failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => (this.running = null));
  }
}
