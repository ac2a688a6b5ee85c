import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { Clock } from '../common/clock/clock';
import { isDatabaseUnavailable } from '../common/problem/to-problem.util';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { guardClientErrors } from './client-errors.util';
import { Db, type Sql } from './db.service';
import { StatementNames } from './statement-names.util';

/** How long the primary serves the reads after the standby failed to answer, before it is tried again. */
export const STANDBY_RETRY_AFTER_MS = 5_000;

/** SQLSTATE of a standby query cancelled because replay had to remove rows it still read. */
const RECOVERY_CONFLICT = '40001';

/**
 * Reads that may be a moment behind the commands: lists, searches and reports. With
 * `DATABASE_READ_URL` they run on that hot standby (a streaming replica of `DATABASE_URL`); without,
 * on the primary like everything else.
 *
 * What stays on the primary, always: commands and their answers (a completion answers the state it
 * wrote), and reading one dossier or step by id (`GET /dossiers/{id}`, `/tasks/{id}`), which a client
 * does right after its own command. A list may show the standby's replay lag (typically milliseconds;
 * `lt_db_standby_lag_seconds` in /metrics, `standby` in /health/ready).
 *
 * The standby is not a single point of failure: when it does not answer, its reads go to the primary
 * for STANDBY_RETRY_AFTER_MS, then it is tried again; a query cancelled by a recovery conflict is run
 * again on the primary.
 */
@Injectable()
export class ReadDb implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private readonly pool: Pool | undefined;
  private readonly statements = new StatementNames();
  private primaryUntil = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    const url = config.database.readUrl;
    if (url === undefined) return;
    this.pool = new Pool({
      connectionString: url,
      max: config.database.poolSize,
      connectionTimeoutMillis: 5_000,
      application_name: 'lienthong-read',
    });
    // An idle connection the standby ends (a restart) must not crash the process: the next query reconnects.
    this.pool.on('error', () => undefined);
    guardClientErrors(this.pool);
  }

  /** True when a standby is configured (it may be down at the moment: see `query`). */
  get hasStandby(): boolean {
    return this.pool !== undefined;
  }

  readonly query: Sql = async (text, params) => {
    if (this.pool === undefined || this.clock.machineMs() < this.primaryUntil)
      return this.db.query(text, params);
    try {
      const result = await this.pool.query(this.statements.of(text, params));
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        this.logger.warn(
          `The read standby (DATABASE_READ_URL) does not answer: reads go to the primary for ${STANDBY_RETRY_AFTER_MS} ms`,
        );
        this.primaryUntil = this.clock.machineMs() + STANDBY_RETRY_AFTER_MS;
        return this.db.query(text, params);
      }
      if ((error as { code?: unknown }).code === RECOVERY_CONFLICT) return this.db.query(text, params);
      throw error;
    }
  };

  /**
   * Seconds the standby's replay is behind (0 when it has replayed all it received), asked of the
   * standby itself (no fall-back); undefined without a standby. Rejects when the standby does not answer.
   */
  async standbyLagSeconds(): Promise<number | undefined> {
    if (this.pool === undefined) return undefined;
    const { rows } = await this.pool.query<{ lag: number | null }>(
      `SELECT CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                   ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())::float8 END AS lag`,
    );
    return rows[0]?.lag ?? 0;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
  }
}
