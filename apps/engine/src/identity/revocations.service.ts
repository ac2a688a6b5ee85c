import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { NotificationListener, type ListenConnection } from '../database/notification-listener.util';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { Db, type Sql } from '../database/db.service';
import { AUTH_CHANNEL, SessionsRepository } from './sessions.repository';

export { AUTH_CHANNEL } from './sessions.repository';
const POLL_MS = 30_000;

/**
 * What every engine process must know at once when it is revoked: sessions (their access tokens stop
 * working although not yet expired) and API keys. Revocations are written to the database, then
 * NOTIFYed; each process keeps the set of recently revoked sessions in memory (tokens older than the
 * access-token lifetime are refused anyway) and drops revoked keys from its key cache. A catch-up poll
 * covers notifications missed while the LISTEN connection was down.
 */
@Injectable()
export class Revocations implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(Revocations.name);
  private readonly sessions = new Set<string>();
  private readonly listener: NotificationListener;
  /** Called with the id of a revoked API key (the key cache subscribes). */
  private readonly apiKeyListeners: Array<(id: string) => void> = [];

  constructor(
    private readonly db: Db,
    private readonly sessionStore: SessionsRepository,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {
    this.listener = new NotificationListener({
      channel: AUTH_CHANNEL,
      connect: () => this.connect(),
      onNotification: (payload) => void this.onNotification(payload),
      poll: () => this.reload(),
      pollMs: POLL_MS,
      retryMs: 1_000,
      maxRetryMs: 15_000,
      logger: this.logger,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
    await this.reload();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }

  isSessionRevoked(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  onApiKeyRevoked(listener: (id: string) => void): void {
    this.apiKeyListeners.push(listener);
  }

  /** Marks revoked here at once and tells the other processes (call after the revocation is written, or in its transaction). */
  async publish(sql: Sql, kind: 'session' | 'user' | 'api_key', id: string): Promise<void> {
    if (kind === 'user') await this.revokeSessionsOf(sql, id);
    this.apply(kind, id);
    await this.sessionStore.notifyRevocation(sql, `${kind}:${id}`);
  }

  private async onNotification(payload: string | undefined): Promise<void> {
    const [kind, id] = (payload ?? '').split(':');
    if (id === undefined) return;
    if (kind === 'user') {
      await this.revokeSessionsOf(this.db.query, id);
    } else if (kind === 'session' || kind === 'api_key') {
      this.apply(kind, id);
    }
  }

  /** A disabled user: every session of theirs. */
  private async revokeSessionsOf(sql: Sql, userId: string): Promise<void> {
    for (const id of await this.sessionStore.sessionsOf(sql, userId)) this.sessions.add(id);
  }

  private apply(kind: string, id: string): void {
    if (kind === 'session') this.sessions.add(id);
    if (kind === 'api_key') for (const l of this.apiKeyListeners) l(id);
  }

  private async reload(): Promise<void> {
    for (const id of await this.sessionStore.revokedSessions(this.config.auth.accessTtlSeconds + 60))
      this.sessions.add(id);
    for (const id of await this.sessionStore.revokedApiKeys()) for (const l of this.apiKeyListeners) l(id);
  }

  private connect(): Promise<ListenConnection> {
    return this.db.connect('lienthong-auth-listener');
  }
}
