import { Injectable } from '@nestjs/common';
import { Db } from '../database/db.service';

/** A row of task_events as the live streams read it. */
export interface TaskEventRow {
  id: string;
  at: Date;
  type: string;
  task_id: string;
  dossier_id: string;
  unit: string;
  candidate_role: string | null;
  assignee: string | null;
  deadline_status: string | null;
}

const COLUMNS = `id::text AS id, at, type, task_id, dossier_id, unit, candidate_role, assignee, deadline_status`;

/** The live inboxes' events: what the reader reads every 250 ms, a stream's catch-up, the purge. */
@Injectable()
export class TaskEventsRepository {
  constructor(private readonly db: Db) {}

  /** Events after `afterId`, and those of `gaps` (ids skipped so far: a transaction may commit late), in id order. */
  async after(afterId: string, gaps: string[], limit: number): Promise<TaskEventRow[]> {
    const { rows } = await this.db.query<TaskEventRow>(
      `SELECT ${COLUMNS} FROM task_events WHERE id > $1::bigint OR id = ANY($2::bigint[]) ORDER BY id LIMIT $3`,
      [afterId, gaps, limit],
    );
    return rows;
  }

  /** The last event's id ('0' when there is none): where a listener starts. */
  async lastId(): Promise<string> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT coalesce(max(id), 0)::text AS id FROM task_events`,
    );
    return rows[0]?.id ?? '0';
  }

  /**
   * A reconnecting stream's catch-up: up to `limit` events of `unit` after `afterId`, and the oldest and
   * newest events kept (to tell whether some after `afterId` were purged, and where a reset resumes).
   */
  async missed(
    unit: string,
    afterId: string,
    limit: number,
  ): Promise<{ rows: TaskEventRow[]; oldest: string | null; newest: string | null }> {
    const { rows: kept } = await this.db.query<{ oldest: string | null; newest: string | null }>(
      `SELECT min(id)::text AS oldest, max(id)::text AS newest FROM task_events`,
    );
    const { oldest = null, newest = null } = kept[0] ?? {};
    if (newest === null || BigInt(newest) <= BigInt(afterId)) return { rows: [], oldest, newest };
    const { rows } = await this.db.query<TaskEventRow>(
      `SELECT ${COLUMNS} FROM task_events WHERE id > $1::bigint AND unit = $2 ORDER BY id LIMIT $3`,
      [afterId, unit, limit],
    );
    return { rows, oldest, newest };
  }

  /** Deletes up to `batch` events older than `before`; answers how many. */
  async purge(before: Date, batch: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM task_events WHERE id IN (SELECT id FROM task_events WHERE at < $1 ORDER BY id LIMIT $2)`,
      [before, batch],
    );
    return rowCount;
  }
}
