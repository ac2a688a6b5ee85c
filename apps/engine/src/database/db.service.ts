import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, type Pool, type PoolClient, type PoolConfig, type QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { guardClientErrors } from './client-errors.util';
import { StatementNames } from './statement-names.util';

/** Runs one SQL statement and gives its rows and row count. */
export interface Sql {
  <R extends QueryResultRow = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number }>;
}

/**
 * Plain SQL on the pool TypeORM manages: the engine's hot paths (commands, reads of dossiers and
 * tasks) are a few hand-written statements, and going around TypeORM's query runner per call
 * saves most of their CPU. Entities and migrations stay with TypeORM.
 */
@Injectable()
export class Db {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    guardClientErrors(this.pool);
  }

  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /** Every statement runs as a named prepared statement, parsed and planned once per connection. */
  private readonly statements = new StatementNames();

  /** Connections of this process's pool: open, idle, and requests waiting for one (for /metrics). */
  poolStats(): { total: number; idle: number; waiting: number } {
    const pool = this.pool;
    return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }

  readonly query: Sql = async (text, params) => {
    const result = await this.pool.query(this.statements.of(text, params));
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
  };

  /**
   * A connection of its own, outside the pool, with the pool's connection settings: for background
   * work that holds a session (a LISTEN, an advisory lock, session settings) for long. The caller ends it.
   */
  async connect(applicationName: string): Promise<Client> {
    const options = (this.pool as Pool & { options: PoolConfig }).options;
    const client = new Client({ ...options, application_name: applicationName });
    // An 'error' event without a listener would crash the process; the next query fails instead.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  /** Runs `work` in a transaction on one connection; rolls back when it throws. */
  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const client: PoolClient = await this.pool.connect();
    const sql: Sql = async (text, params) => {
      const result = await client.query(this.statements.of(text, params));
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    };
    // A checked-out client has no 'error' listener of the pool's: if its connection ends between two
    // statements (the database shut down), the 'error' event would crash the process. The next statement
    // fails instead, and release() drops the broken client.
    const ignore = (): void => undefined;
    client.on('error', ignore);
    try {
      await client.query('BEGIN');
      const value = await work(sql);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.removeListener('error', ignore);
      client.release();
    }
  }
}
