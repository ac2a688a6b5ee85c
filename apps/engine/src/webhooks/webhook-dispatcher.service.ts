import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { NotificationListener, type ListenConnection } from '../database/notification-listener.util';
import { APP_CONFIG, type AppConfig } from '../config';
import { Db } from '../database/db.service';
import { retryDelayMs } from './retry-delay.util';
import { SecretBox, SecretBoxError } from '../common/crypto/secret-box';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './signature';
import { WEBHOOK_CHANNEL } from './webhook-events';
import { RefusedDestinationError, WebhookTransport } from './webhook-transport';
import { Clock } from '../common/clock/clock';
import { type Claimed, WebhookDeliveriesRepository } from './webhook-deliveries.repository';

/** Attempts in flight in this process, in all and per subscription (a slow endpoint keeps at most this many). */
export const MAX_IN_FLIGHT = 16;
export const MAX_IN_FLIGHT_PER_SUBSCRIPTION = 4;
/** How long a claimed attempt keeps its row from other processes, beyond the timeout. */
const LEASE_MARGIN_MS = 30_000;
/** How often the delivery log loses its rows older than WEBHOOK_LOG_DAYS, and in batches of how many. */
const PURGE_EVERY_MS = 3_600_000;
const PURGE_BATCH = 5_000;

type Outcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'failed'; status: number | null; error: string }
  | { kind: 'stopped' };

/**
 * Sends the deliveries of the outbox (webhook_deliveries). Any number of engine processes may run it on
 * one database: a due row is claimed with `FOR UPDATE SKIP LOCKED` in a statement that also moves its
 * `next_attempt_at` past the attempt's timeout (a lease), so no other process takes it while it is in
 * flight, and a process that dies mid-attempt leaves it to be taken again when the lease ends (hence at
 * least once: receivers skip X-LT-Delivery ids they have handled). Attempts run in parallel, at most
 * MAX_IN_FLIGHT per process and MAX_IN_FLIGHT_PER_SUBSCRIPTION per endpoint, so a slow or dead endpoint
 * never holds up the others; the engine's commands never wait for any of it. Woken by NOTIFY lt_webhooks
 * (sent by the statements that insert deliveries) and at the next due retry, with polling as a fallback.
 * Runs where the job workers run (JOBS_ENABLED).
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly listener: NotificationListener;
  /** Attempts in flight, by delivery id, and how many per subscription. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly perSubscription = new Map<string, number>();
  private readonly abort = new AbortController();
  private readonly transport: WebhookTransport;
  private stopped = false;
  private signalled = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private purgeTimer: NodeJS.Timeout | null = null;
  /** Opened signing secrets by their sealed form. */
  private readonly secrets = new Map<string, string>();
  private purging: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly deliveries: WebhookDeliveriesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {
    // In production, a destination that is or resolves to a private address is refused when connecting.
    this.transport = new WebhookTransport(!config.webhooks.allowPrivateNetworks);
    this.listener = new NotificationListener({
      channel: WEBHOOK_CHANNEL,
      connect: () => this.connectListener(),
      onNotification: () => this.signal(),
      // The loop polls by itself (nextWait): nothing to catch up here.
      poll: () => Promise.resolve(),
      pollMs: config.jobs.pollMs,
      retryMs: config.jobs.pollMs,
      maxRetryMs: 30_000,
      logger: this.logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobs.enabled) return;
    await this.listener.start();
    this.loop = this.run();
    const purge = () => {
      this.purging ??= this.purgeLog()
        .catch((error: unknown) => {
          this.logger.warn(`Webhook delivery log purge: ${messageOf(error)}`);
          return 0;
        })
        .finally(() => (this.purging = null));
    };
    this.purgeTimer = setInterval(purge, PURGE_EVERY_MS).unref();
    purge();
  }

  /**
   * Deletes delivered and failed deliveries created more than WEBHOOK_LOG_DAYS ago (pending ones stay
   * whatever their age), oldest first in batches, so that the log does not grow without end. Runs at
   * start and every hour where the dispatcher runs; several processes doing it at once is harmless.
   * Returns how many rows went.
   */
  async purgeLog(): Promise<number> {
    let total = 0;
    for (;;) {
      const rowCount = await this.deliveries.purge(this.config.webhooks.logDays, PURGE_BATCH);
      total += rowCount;
      if (rowCount < PURGE_BATCH || this.stopped) return total;
    }
  }

  /** Stops claiming, aborts the attempts in flight (their rows are released for the next process). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    await this.purging;
    this.abort.abort();
    this.signal();
    await this.loop;
    await Promise.all(this.inFlight.values());
    this.transport.close();
    await this.listener.stop();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const free = MAX_IN_FLIGHT - this.inFlight.size;
        const claimed = free > 0 ? await this.claim(free) : [];
        for (const row of claimed) this.start(row);
        // A full batch may leave more due rows: claim again at once.
        if (free > 0 && claimed.length === free) continue;
        await this.sleep(free > 0 && claimed.length < free ? await this.nextWait() : this.config.jobs.pollMs);
      } catch (error) {
        if (this.stopped) break;
        this.logger.error(`Webhook loop: ${messageOf(error)}`);
        await this.sleep(this.config.jobs.pollMs);
      }
    }
  }

  /**
   * Claims up to `limit` due deliveries, oldest due first, each endpoint (subscription) getting at most
   * its share of attempts in flight in this process.
   */
  private async claim(limit: number): Promise<Claimed[]> {
    const ids = [...this.perSubscription.keys()];
    const counts = ids.map((id) => this.perSubscription.get(id) ?? 0);
    const busy = ids.filter((_, k) => counts[k]! >= MAX_IN_FLIGHT_PER_SUBSCRIPTION);
    const lease = this.config.webhooks.timeoutMs + LEASE_MARGIN_MS;
    const rows = await this.deliveries.claim({
      limit,
      busy,
      maxInFlight: MAX_IN_FLIGHT_PER_SUBSCRIPTION,
      leaseMs: lease,
      flying: ids,
      counts,
    });
    return rows;
  }

  private start(row: Claimed): void {
    this.perSubscription.set(row.subscription_id, (this.perSubscription.get(row.subscription_id) ?? 0) + 1);
    const attempt = this.attempt(row)
      .catch((error: unknown) =>
        this.logger.warn({ msg: `Webhook delivery ${row.id}: ${messageOf(error)}`, dossier: row.payload.dossier.code }),
      )
      .finally(() => {
        this.inFlight.delete(row.id);
        const left = (this.perSubscription.get(row.subscription_id) ?? 1) - 1;
        if (left > 0) this.perSubscription.set(row.subscription_id, left);
        else this.perSubscription.delete(row.subscription_id);
        this.signal();
      });
    this.inFlight.set(row.id, attempt);
  }

  /** One attempt, then its outcome in the log (guarded by the attempt count: a re-taken row is left alone). */
  private async attempt(row: Claimed): Promise<void> {
    if (!row.active) {
      await this.deliveries.failDeactivated(row.id, row.attempts);
      return;
    }
    const outcome = await this.post(row);
    if (outcome.kind === 'stopped') {
      // Shutting down: let the next process (or this one after a restart) take it at once.
      await this.deliveries.release(row.id, row.attempts).catch(() => undefined);
      return;
    }
    const attempts = row.attempts + 1;
    if (outcome.kind === 'delivered') {
      await this.deliveries.delivered(row.id, row.attempts, attempts, outcome.status);
      return;
    }
    const giveUp = attempts >= this.config.webhooks.maxAttempts;
    await this.deliveries.attemptFailed(row.id, row.attempts, {
      attempts,
      status: outcome.status,
      giveUp,
      error: outcome.error.slice(0, 500),
      retryInMs: retryDelayMs(this.config.webhooks.retryBaseMs, attempts),
    });
    if (giveUp)
      this.logger.warn({
        msg: `Webhook delivery ${row.id} to ${row.url} failed ${attempts} times: ${outcome.error}`,
        dossier: row.payload.dossier.code,
      });
  }

  /** The subscription's signing secret, opened (kept per sealed value: opening costs a little every time). */
  private secretOf(row: Claimed): string {
    let secret = this.secrets.get(row.secret);
    if (secret === undefined) {
      // A subscription made before secrets were sealed, until the boot seals it.
      secret = SecretBox.isSealed(row.secret) ? this.box.open(row.secret) : row.secret;
      if (this.secrets.size >= 10_000) this.secrets.clear();
      this.secrets.set(row.secret, secret);
    }
    return secret;
  }

  private async post(row: Claimed): Promise<Outcome> {
    let secret: string;
    try {
      secret = this.secretOf(row);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      const why = error.reason === 'other-key' ? 'SECRETS_KEY has changed' : 'it is damaged';
      return {
        kind: 'failed',
        status: null,
        error: `The subscription's signing secret cannot be read (${why}): subscribe anew.`,
      };
    }
    const body = JSON.stringify(row.payload);
    const timestamp = Math.floor(this.clock.machineMs() / 1000);
    const timeout = AbortSignal.timeout(this.config.webhooks.timeoutMs);
    try {
      const answer = await this.transport.post(
        row.url,
        {
          'content-type': 'application/json',
          'user-agent': `lienthong-webhooks/${this.config.version}`,
          [EVENT_HEADER]: row.event,
          [DELIVERY_HEADER]: String(row.id),
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
        },
        body,
        AbortSignal.any([timeout, this.abort.signal]),
      );
      if (answer.status >= 200 && answer.status < 300) return { kind: 'delivered', status: answer.status };
      return {
        kind: 'failed',
        status: answer.status,
        error: `HTTP ${answer.status}${answer.snippet ? `: ${answer.snippet}` : ''}`,
      };
    } catch (error) {
      if (this.abort.signal.aborted) return { kind: 'stopped' };
      if (timeout.aborted) {
        return {
          kind: 'failed',
          status: null,
          error: `No answer within ${this.config.webhooks.timeoutMs} ms`,
        };
      }
      if (error instanceof RefusedDestinationError) {
        // Checked when connecting, on the address connected to: a DNS answer may change after the subscription.
        return { kind: 'failed', status: null, error: `Refused destination: ${error.message}` };
      }
      return { kind: 'failed', status: null, error: networkError(error) };
    }
  }

  /** Until the next pending delivery is due (none of an endpoint already at its share), at most the poll interval. */
  private async nextWait(): Promise<number> {
    const busy = [...this.perSubscription.entries()]
      .filter(([, n]) => n >= MAX_IN_FLIGHT_PER_SUBSCRIPTION)
      .map(([id]) => id);
    const ms = await this.deliveries.msToNextDue(busy);
    // Due rows that could not be claimed are locked by another process for an instant: look again soon.
    if (ms === null || ms === undefined) return this.config.jobs.pollMs;
    return Math.max(25, Math.min(Math.ceil(ms), this.config.jobs.pollMs));
  }

  private signal(): void {
    this.signalled = true;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped || this.signalled) {
      this.signalled = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.signalled = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private connectListener(): Promise<ListenConnection> {
    return this.db.connect('lienthong-webhooks-listener');
  }
}

/** A network error with its code (ECONNREFUSED, ENOTFOUND, a TLS error…). */
function networkError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = messageOf(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
