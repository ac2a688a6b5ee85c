import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config';
import { Db } from '../database/db.service';
import { Clock } from '../common/clock/clock';
import { dossierDeadlineOutboxCte, taskDeadlineOutboxCte } from '../webhooks/webhook-outbox.sql';

export interface SweepResult {
  tasksDueSoon: number;
  tasksOverdue: number;
  dossiersDueSoon: number;
  dossiersOverdue: number;
}

/**
 * Rows marked per statement and sweep: a backlog (after downtime, or a calendar change) drains over
 * consecutive sweeps run back to back, each short, instead of one long transaction holding locks on
 * tens of thousands of steps that officers are completing; rows being changed are skipped, not waited for.
 */
export const SWEEP_BATCH = 2000;

/** What a sweep statement returns of each marked row (for its deadline event and webhook deliveries). */
const TASK_RETURNING = `tasks.id, tasks.dossier_id, tasks.unit, tasks.node_id, tasks.due_at, tasks.name, tasks.kind, tasks.topic,
                 tasks.candidate_role`;
const dossierReturning = (d: string) =>
  `${d}.id, ${d}.code, ${d}.status, ${d}.receiving_unit, ${d}.definition_key, ${d}.due_at, ${d}.appointment_at, ${d}.clock`;

/** Any number being a lock key shared by every engine process: one of them sweeps at a time. */
const SWEEP_LOCK = 7_210_001;

/**
 * Marks running steps and dossiers "due soon" and "overdue" as their instants pass, and records
 * each transition as a deadline event; an overdue dossier also records which steps (units) held
 * it at that moment. State lives in the database (due_at, due_soon_at, deadline_status), so the
 * sweep is idempotent and survives restarts; partial indexes keep it fast with millions of open
 * steps. Runs every DEADLINE_SWEEP_MS in one engine process at a time (advisory lock).
 */
@Injectable()
export class DeadlineSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlineSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.jobs.deadlineSweepMs;
    if (!this.config.jobs.enabled || every === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.drain()
        .catch((error: unknown) =>
          this.logger.warn(
            `Deadline sweep failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        )
        .finally(() => (this.running = null));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sweeps until no statement hits the batch limit (a backlog drains in consecutive short sweeps). */
  async drain(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const result = await this.sweep();
      if (
        !result ||
        Math.max(result.tasksDueSoon, result.tasksOverdue, result.dossiersDueSoon, result.dossiersOverdue) <
          SWEEP_BATCH
      )
        return;
    }
  }

  /** One sweep at `now` (the engine clock by default); returns how many rows changed status. */
  async sweep(now: Date = this.clock.now()): Promise<SweepResult | null> {
    return this.db.transaction(async (sql) => {
      const { rows: lock } = await sql<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [
        SWEEP_LOCK,
      ]);
      if (!lock[0]?.ok) return null;
      const tasksOverdue = await this.count(
        sql,
        `WITH p AS MATERIALIZED (SELECT id, deadline_status AS previous FROM tasks
                                  WHERE status = 'active' AND clock = 'running' AND deadline_status <> 'overdue' AND due_at < $1
                                  ORDER BY due_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED),
              x AS (UPDATE tasks SET deadline_status = 'overdue' FROM p WHERE tasks.id = p.id
                 RETURNING ${TASK_RETURNING}, p.previous),
              e AS (INSERT INTO deadline_events (dossier_id, task_id, at, kind, actor, new_due_at, data)
                    SELECT dossier_id, id, $1, 'overdue', 'system', due_at, jsonb_build_object('unit', unit, 'nodeId', node_id) FROM x),
              ${taskDeadlineOutboxCte('overdue')}
         SELECT count(*)::int AS n FROM x`,
        now,
      );
      const tasksDueSoon = await this.count(
        sql,
        `WITH x AS (UPDATE tasks SET deadline_status = 'due_soon'
                     WHERE id IN (SELECT id FROM tasks
                                   WHERE status = 'active' AND clock = 'running' AND deadline_status = 'on_track'
                                     AND due_soon_at <= $1 AND due_at >= $1
                                   ORDER BY due_soon_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)
                 RETURNING ${TASK_RETURNING}, 'on_track'::text AS previous),
              e AS (INSERT INTO deadline_events (dossier_id, task_id, at, kind, actor, new_due_at, data)
                    SELECT dossier_id, id, $1, 'due_soon', 'system', due_at, jsonb_build_object('unit', unit, 'nodeId', node_id) FROM x),
              ${taskDeadlineOutboxCte('due_soon')}
         SELECT count(*)::int AS n FROM x`,
        now,
      );
      const dossiersOverdue = await this.count(
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
      const dossiersDueSoon = await this.count(
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
      return { tasksDueSoon, tasksOverdue, dossiersDueSoon, dossiersOverdue };
    });
  }

  private async count(
    sql: Parameters<Parameters<Db['transaction']>[0]>[0],
    text: string,
    now: Date,
  ): Promise<number> {
    const { rows } = await sql<{ n: number }>(text, [now]);
    return rows[0]?.n ?? 0;
  }
}
