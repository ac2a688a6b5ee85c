import { Injectable } from '@nestjs/common';
import { Db, type Sql } from '../database/db.service';

/** A due job, as the worker takes it. */
export interface DueJob {
  id: string;
  dossier_id: string;
  attempts: number;
}

/** Statements on jobs (timers and other work due at an instant); those that take `sql` run in the firing transaction. */
@Injectable()
export class JobsRepository {
  constructor(private readonly db: Db) {}

  /** The next due job, locked (SKIP LOCKED: another process takes another one). */
  async takeDue(sql: Sql, now: Date): Promise<DueJob | undefined> {
    const { rows } = await sql<DueJob>(
      `SELECT id, dossier_id, attempts FROM jobs
            WHERE failed_at IS NULL AND due_at <= $1
            ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [now],
    );
    return rows[0];
  }

  async remove(sql: Sql, id: string): Promise<void> {
    await sql(`DELETE FROM jobs WHERE id = $1`, [id]);
  }

  /** A failed attempt: due again after `delaySeconds`, or failed for good (`giveUp`). */
  /** Records a failed attempt; answers the code of the job's dossier (for the log line). */
  async recordFailure(
    id: string,
    attempts: number,
    message: string,
    delaySeconds: number,
    giveUp: boolean,
  ): Promise<string | null> {
    const { rows } = await this.db.query<{ dossier: string | null }>(
      `UPDATE jobs SET attempts = $2, last_error = $3,
              due_at = now() + make_interval(secs => $4), failed_at = CASE WHEN $5::boolean THEN now() ELSE NULL END
        WHERE id = $1
        RETURNING (SELECT d.code FROM dossiers d WHERE d.id = jobs.dossier_id) AS dossier`,
      [id, attempts, message, delaySeconds, giveUp],
    );
    return rows[0]?.dossier ?? null;
  }

  /** Milliseconds until the next job is due (negative: overdue; null: none), as PostgreSQL's numeric text. */
  async msToNextDue(): Promise<string | null | undefined> {
    const { rows } = await this.db.query<{ ms: string | null }>(
      `SELECT EXTRACT(EPOCH FROM (min(due_at) - now())) * 1000 AS ms FROM jobs WHERE failed_at IS NULL`,
    );
    return rows[0]?.ms;
  }
}
