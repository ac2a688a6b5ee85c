import { Injectable } from '@nestjs/common';
import type { Sql } from '../database/db.service';
import { dossierDeadlineOutboxCte, taskDeadlineOutboxCte } from '../webhooks/webhook-outbox.sql';

/**
 * Rows marked per statement and sweep: a backlog (after downtime, or a calendar change) drains over
 * consecutive sweeps run back to back, each short, instead of one long transaction holding locks on
 * tens of thousands of steps that officers are completing; rows being changed are skipped, not waited for.
 */
export const SWEEP_BATCH = 2000;

/** What a sweep statement returns of each marked row (for its deadline event and webhook deliveries). */
const TASK_RETURNING = `tasks.id, tasks.dossier_id, tasks.unit, tasks.node_id, tasks.due_at, tasks.name, tasks.kind, tasks.topic,
                 tasks.candidate_role, tasks.assignee`;

/** The live inboxes' event of each officer's step the statement marked (CTE `x`), see live/task-event.entity.ts. */
const liveEventCte = (status: 'due_soon' | 'overdue') =>
  `te AS (INSERT INTO task_events (at, type, task_id, dossier_id, unit, candidate_role, assignee, deadline_status)
          SELECT $1, 'deadline', id, dossier_id, unit, candidate_role, assignee, '${status}' FROM x
           WHERE kind = 'user' AND unit IS NOT NULL)`;
const dossierReturning = (d: string) =>
  `${d}.id, ${d}.code, ${d}.status, ${d}.receiving_unit, ${d}.definition_key, ${d}.due_at, ${d}.appointment_at, ${d}.clock`;

/** Any number being a lock key shared by every engine process: one of them sweeps at a time. */
const SWEEP_LOCK = 7_210_001;

/**
 * The deadline sweep's statements, each in the sweep's transaction: the lock that lets one engine
 * process sweep at a time, and the four transitions (each marks a batch, records its deadline events
 * and webhook deliveries in one statement, and answers how many rows it marked).
 */
@Injectable()
export class DeadlineSweepRepository {
  /** Takes the sweep's lock for the transaction; false when another process holds it. */
  async tryLock(sql: Sql): Promise<boolean> {
    const { rows: lock } = await sql<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [
      SWEEP_LOCK,
    ]);
    return lock[0]?.ok === true;
  }

  markTasksOverdue(sql: Sql, now: Date): Promise<number> {
    return count(
      sql,
      `WITH p AS MATERIALIZED (SELECT id, deadline_status AS previous FROM tasks
                                  WHERE status = 'active' AND clock = 'running' AND deadline_status <> 'overdue' AND due_at < $1
                                  ORDER BY due_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED),
              x AS (UPDATE tasks SET deadline_status = 'overdue' FROM p WHERE tasks.id = p.id
                 RETURNING ${TASK_RETURNING}, p.previous),
              e AS (INSERT INTO deadline_events (dossier_id, task_id, at, kind, actor, new_due_at, data)
                    SELECT dossier_id, id, $1, 'overdue', 'system', due_at, jsonb_build_object('unit', unit, 'nodeId', node_id) FROM x),
              ${taskDeadlineOutboxCte('overdue')},
              ${liveEventCte('overdue')}
         SELECT count(*)::int AS n FROM x`,
      now,
    );
  }

  markTasksDueSoon(sql: Sql, now: Date): Promise<number> {
    return count(
      sql,
      `WITH x AS (UPDATE tasks SET deadline_status = 'due_soon'
                     WHERE id IN (SELECT id FROM tasks
                                   WHERE status = 'active' AND clock = 'running' AND deadline_status = 'on_track'
                                     AND due_soon_at <= $1 AND due_at >= $1
                                   ORDER BY due_soon_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)
                 RETURNING ${TASK_RETURNING}, 'on_track'::text AS previous),
              e AS (INSERT INTO deadline_events (dossier_id, task_id, at, kind, actor, new_due_at, data)
                    SELECT dossier_id, id, $1, 'due_soon', 'system', due_at, jsonb_build_object('unit', unit, 'nodeId', node_id) FROM x),
              ${taskDeadlineOutboxCte('due_soon')},
              ${liveEventCte('due_soon')}
         SELECT count(*)::int AS n FROM x`,
      now,
    );
  }

  markDossiersOverdue(sql: Sql, now: Date): Promise<number> {
    return count(
      sql,
      `WITH p AS MATERIALIZED (SELECT id, deadline_status AS previous FROM dossiers
                                  WHERE status = 'active' AND clock = 'running' AND deadline_status <> 'overdue' AND due_at < $1
                                  ORDER BY due_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED),
              x AS (UPDATE dossiers d SET deadline_status = 'overdue',
                           overdue_holders = (SELECT coalesce(jsonb_agg(jsonb_build_object('taskId', t.id, 'nodeId', t.node_id, 'unit', t.unit,
                                                                        'candidateRole', t.candidate_role)), '[]'::jsonb)
                                                FROM tasks t WHERE t.dossier_id = d.id AND t.status = 'active')
                      FROM p WHERE d.id = p.id
                 RETURNING ${dossierReturning('d')}, d.overdue_holders, p.previous),
              e AS (INSERT INTO deadline_events (dossier_id, at, kind, actor, new_due_at, data)
                    SELECT id, $1, 'overdue', 'system', due_at, jsonb_build_object('holders', overdue_holders) FROM x),
              ${dossierDeadlineOutboxCte('overdue')}
         SELECT count(*)::int AS n FROM x`,
      now,
    );
  }

  markDossiersDueSoon(sql: Sql, now: Date): Promise<number> {
    return count(
      sql,
      `WITH x AS (UPDATE dossiers SET deadline_status = 'due_soon'
                     WHERE id IN (SELECT id FROM dossiers
                                   WHERE status = 'active' AND clock = 'running' AND deadline_status = 'on_track'
                                     AND due_soon_at <= $1 AND due_at >= $1
                                   ORDER BY due_soon_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)
                 RETURNING ${dossierReturning('dossiers')}, 'on_track'::text AS previous),
              e AS (INSERT INTO deadline_events (dossier_id, at, kind, actor, new_due_at) SELECT id, $1, 'due_soon', 'system', due_at FROM x),
              ${dossierDeadlineOutboxCte('due_soon')}
         SELECT count(*)::int AS n FROM x`,
      now,
    );
  }
}

async function count(sql: Sql, text: string, now: Date): Promise<number> {
  const { rows } = await sql<{ n: number }>(text, [now]);
  return rows[0]?.n ?? 0;
}
