import { Injectable } from '@nestjs/common';
import type { LockedTaskDto } from '@lienthong/contracts';
import { isUuid } from '../common/uuid.util';
import { Db, type Sql } from '../database/db.service';
import { externalTasksWakeSql } from '../runtime/domain-events';
import { historyEvents } from '../runtime/history-entry';

export interface LockedRow {
  id: string;
  topic: string;
  worker_id: string;
  lock_expires_at: Date;
  dossier_id: string;
  dossier_code: string;
  definition_key: string;
  node_id: string;
  name: string | null;
  unit: string | null;
  retries: number | null;
  error_message: string | null;
  created_at: Date;
  variables: LockedTaskDto['variables'];
}

export interface ExternalRow {
  id: string;
  dossier_id: string;
  node_id: string;
  kind: string;
  status: string;
  unit: string | null;
  candidate_role: string | null;
  topic: string | null;
  assignee: string | null;
  worker_id: string | null;
  lock_expires_at: Date | null;
  retries: number | null;
  incident_at: Date | null;
}

/**
 * Statements on external tasks (the agency systems' steps): fetch-and-lock, failures, locks and
 * incidents. Those that take `sql` run in the caller's transaction, after `lockExternal`.
 */
@Injectable()
export class ExternalTasksRepository {
  constructor(private readonly db: Db) {}

  /** Locks up to `maxTasks` free tasks of the unit, oldest first, in one statement (SKIP LOCKED: no task to two workers). */
  async lock(
    unit: string,
    topics: string[],
    lockMs: number[],
    maxTasks: number,
    workerId: string,
  ): Promise<LockedRow[]> {
    const { rows } = await this.db.query<LockedRow>(
      `WITH topics AS (SELECT * FROM unnest($2::text[], $3::bigint[]) AS x(topic, lock_ms)),
            free AS (SELECT t.id FROM tasks t
                      WHERE t.kind = 'external' AND t.status = 'active' AND t.unit = $1
                        AND t.topic = ANY($2::text[])
                        AND (t.lock_expires_at IS NULL OR t.lock_expires_at <= clock_timestamp())
                        AND (t.retry_at IS NULL OR t.retry_at <= clock_timestamp()) AND t.incident_at IS NULL
                      -- the order of tasks_topic_active_idx (topic, created_at): no sort of every open task
                      ORDER BY t.created_at LIMIT $4 FOR UPDATE SKIP LOCKED),
            locked AS (UPDATE tasks t SET worker_id = $5,
                              lock_expires_at = clock_timestamp() + make_interval(secs => topics.lock_ms / 1000.0)
                         FROM free, topics WHERE t.id = free.id AND topics.topic = t.topic
                       RETURNING t.id, t.topic, t.worker_id, t.lock_expires_at, t.dossier_id, t.node_id, t.name, t.unit,
                                 t.retries, t.error_message, t.created_at, t.local_variables)
       SELECT l.id, l.topic, l.worker_id, l.lock_expires_at, l.dossier_id, d.code AS dossier_code, d.definition_key,
              l.node_id, l.name, l.unit, l.retries, l.error_message, l.created_at,
              (d.state->'variables') || l.local_variables AS variables
         FROM locked l JOIN dossiers d ON d.id = l.dossier_id ORDER BY l.created_at, l.id`,
      [unit, topics, lockMs, maxTasks, workerId],
    );
    return rows;
  }

  /** The external task `id`, locked for the caller's transaction (undefined when there is none). */
  async lockExternal(sql: Sql, id: string): Promise<ExternalRow | undefined> {
    if (!isUuid(id)) return undefined;
    const { rows } = await sql<ExternalRow>(
      `SELECT id, dossier_id, node_id, kind, status, unit, candidate_role, topic, assignee, worker_id, lock_expires_at, retries, incident_at
       FROM tasks WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const task = rows[0];
    return task?.kind === 'external' ? task : undefined;
  }

  /** A failure: retries left and when the task is free again, or an incident; a task free at once wakes the workers. */
  async fail(
    sql: Sql,
    id: string,
    f: {
      retries: number;
      errorMessage: string | null;
      errorDetails: string | null;
      retryTimeout: number;
      incident: boolean;
    },
  ): Promise<void> {
    await sql(
      `WITH u AS (UPDATE tasks SET retries = $2, error_message = $3, error_details = $4, worker_id = NULL, lock_expires_at = NULL,
                retry_at = clock_timestamp() + make_interval(secs => $5 / 1000.0),
                incident_at = CASE WHEN $6 THEN clock_timestamp() END
          WHERE id = $1 RETURNING topic, retry_at <= clock_timestamp() AND incident_at IS NULL AS free)
         ${externalTasksWakeSql('u.topic', 'FROM u WHERE u.free')}`,
      [id, f.retries, f.errorMessage, f.errorDetails, f.retryTimeout, f.incident],
    );
  }

  async extendLock(sql: Sql, id: string, newDurationMs: number): Promise<void> {
    await sql(
      `UPDATE tasks SET lock_expires_at = clock_timestamp() + make_interval(secs => $2 / 1000.0) WHERE id = $1`,
      [id, newDurationMs],
    );
  }

  /** Frees the task and wakes the workers of its topic. */
  async unlock(sql: Sql, id: string): Promise<void> {
    await sql(
      `WITH u AS (UPDATE tasks SET worker_id = NULL, lock_expires_at = NULL WHERE id = $1 RETURNING topic)
         ${externalTasksWakeSql('u.topic', 'FROM u')}`,
      [id],
    );
  }

  /** Ends the task's incident with new retries and wakes the workers of its topic. */
  async resolveIncident(sql: Sql, id: string, retries: number): Promise<void> {
    await sql(
      `WITH u AS (UPDATE tasks SET incident_at = NULL, retry_at = NULL, retries = $2 WHERE id = $1 RETURNING topic)
         ${externalTasksWakeSql('u.topic', 'FROM u')}`,
      [id, retries],
    );
  }

  /**
   * A history row of the task's dossier dated `at` (the engine's clock, as every writer: see lifeOf),
   * only while the dossier is active: false, and nothing written, once it has ended (its history's
   * dates are bounded by its end, ADR 0011).
   */
  async insertHistory(
    sql: Sql,
    task: Pick<ExternalRow, 'id' | 'dossier_id' | 'node_id'>,
    event: { type: string; actor: string; data: Record<string, unknown>; at: Date },
  ): Promise<boolean> {
    const { rowCount } = await sql(
      `INSERT INTO history (dossier_id, at, actor, events)
       SELECT id, $2, $3, $4::jsonb FROM dossiers WHERE id = $1 AND status = 'active'`,
      [
        task.dossier_id,
        event.at,
        event.actor,
        historyEvents([{ type: event.type, nodeId: task.node_id, taskId: task.id, data: event.data }]),
      ],
    );
    return rowCount === 1;
  }
}
