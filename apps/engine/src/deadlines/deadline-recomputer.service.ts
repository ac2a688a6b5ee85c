import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { WorkingCalendar } from '@lienthong/calendar';
import type { Subscription } from 'rxjs';
import { CalendarService } from '../calendar/calendar.service';
import { Db } from '../database/db.service';
import { Clock } from '../runtime/clock';
import { CalendarSource } from '../runtime/calendar-source';
import { mirror, recomputeDeadlines, type DeadlineState } from '../runtime/deadlines';
import { lowerStatus } from '../runtime/dossier-write';

const BATCH = 2000;

export interface RecomputeResult {
  dossiers: number;
  changed: number;
  seconds: number;
}

/**
 * After a change of the official calendar (a new day off, a swapped working Saturday), computes
 * again the due instant of every running clock — open dossiers and their open steps — keeping the
 * working time each has left, and records a deadline event for every dossier whose due instant
 * moved. Runs in the engine process where the change was made; batches of dossiers, each written
 * with the revision guard (a dossier changed meanwhile is read again).
 */
@Injectable()
export class DeadlineRecomputer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DeadlineRecomputer.name);
  private subscription: Subscription | null = null;
  /** The last recomputation (tests and the admin API wait for it). */
  last: Promise<RecomputeResult> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendars: CalendarSource,
    private readonly calendarService: CalendarService,
  ) {}

  onModuleInit(): void {
    this.subscription = this.calendarService.changes$.subscribe((change) => {
      if (change.origin !== 'local') return;
      const reason = `Lịch làm việc năm ${change.year} thay đổi (${change.previousVersion} → ${change.version})${change.reason ? `: ${change.reason}` : ''}`;
      this.last = this.recomputeAll(reason, change.actor);
      this.last.then(
        (r) =>
          this.logger.log(
            `Recomputed ${r.dossiers} open dossiers (${r.changed} due dates moved) in ${r.seconds.toFixed(1)} s`,
          ),
        (error: unknown) =>
          this.logger.error(
            `Recomputing due dates failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
      );
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  async recomputeAll(
    reason: string,
    actor: string,
    calendar: WorkingCalendar = this.calendars.current(),
  ): Promise<RecomputeResult> {
    const started = performance.now();
    let after = '00000000-0000-0000-0000-000000000000';
    let dossiers = 0;
    let changed = 0;
    for (;;) {
      const { rows } = await this.db.query<{ id: string; revision: number; deadlines: DeadlineState }>(
        `SELECT id, revision, deadlines FROM dossiers
          WHERE status = 'active' AND id > $1 AND (clock <> 'none' OR deadlines->'tasks' <> '{}'::jsonb)
          ORDER BY id LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.id;
      let pending = rows;
      for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) {
        const result = await this.writeBatch(pending, calendar, reason, actor);
        dossiers += result.written.size; // examined and up to date
        changed += result.changed;
        const missed = pending.filter((r) => !result.written.has(r.id)).map((r) => r.id);
        if (missed.length === 0) break;
        pending = (
          await this.db.query<{ id: string; revision: number; deadlines: DeadlineState }>(
            `SELECT id, revision, deadlines FROM dossiers WHERE id = ANY($1::uuid[]) AND status = 'active'`,
            [missed],
          )
        ).rows;
      }
    }
    return { dossiers, changed, seconds: (performance.now() - started) / 1000 };
  }

  private async writeBatch(
    rows: Array<{ id: string; revision: number; deadlines: DeadlineState }>,
    calendar: WorkingCalendar,
    reason: string,
    actor: string,
  ): Promise<{ written: Set<string>; changed: number }> {
    const now = this.clock.now();
    const dossiers: unknown[] = [];
    const tasks: unknown[] = [];
    const unchanged = new Set<string>();
    for (const row of rows) {
      const next = recomputeDeadlines(row.deadlines, calendar);
      const movedTasks = Object.entries(next.tasks).filter(
        ([id, c]) => c.dueAt !== row.deadlines.tasks?.[id]?.dueAt,
      );
      if (next.dossier?.dueAt === row.deadlines.dossier?.dueAt && movedTasks.length === 0) {
        // Nothing moved: the clocks keep the calendar version they were computed with (same instants).
        unchanged.add(row.id);
        continue;
      }
      const m = mirror(next.dossier, now);
      dossiers.push({
        id: row.id,
        revision: row.revision,
        deadlines: next,
        clock: m.clock,
        due_at: m.dueAt,
        due_soon_at: m.dueSoonAt,
        deadline_status: m.deadlineStatus,
        appointment: next.dossier?.dueAt ?? null,
        previous_due: row.deadlines.dossier?.base === null ? null : (row.deadlines.dossier?.dueAt ?? null),
      });
      for (const [taskId, clock] of movedTasks) {
        const t = mirror(clock, now);
        tasks.push({
          id: taskId,
          dossier_id: row.id,
          due_at: t.dueAt,
          due_soon_at: t.dueSoonAt,
          deadline_status: t.deadlineStatus,
        });
      }
    }
    if (dossiers.length === 0) return { written: unchanged, changed: 0 };
    const { rows: result } = await this.db.query<{ id: string; moved: boolean }>(
      `WITH x AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, revision int, deadlines jsonb, clock text, due_at timestamptz,
                         due_soon_at timestamptz, deadline_status text, appointment timestamptz, previous_due timestamptz)),
            d AS (UPDATE dossiers SET deadlines = x.deadlines, clock = x.clock, due_at = x.due_at, due_soon_at = x.due_soon_at,
                         deadline_status = ${lowerStatus('dossiers.deadline_status', 'x.deadline_status')},
                         overdue_holders = CASE WHEN ${lowerStatus('dossiers.deadline_status', 'x.deadline_status')} = 'overdue'
                                                THEN dossiers.overdue_holders END,
                         revision = dossiers.revision + 1,
                         appointment_at = CASE WHEN dossiers.extension IS NULL THEN x.appointment ELSE dossiers.appointment_at END
                    FROM x WHERE dossiers.id = x.id AND dossiers.revision = x.revision
                  RETURNING dossiers.id, x.previous_due IS DISTINCT FROM x.due_at AS moved, x.previous_due, x.due_at),
            t AS (UPDATE tasks SET due_at = y.due_at, due_soon_at = y.due_soon_at,
                         deadline_status = ${lowerStatus('tasks.deadline_status', 'y.deadline_status')}
                    FROM jsonb_to_recordset($2::jsonb) AS y(id uuid, dossier_id uuid, due_at timestamptz, due_soon_at timestamptz,
                         deadline_status text)
                   WHERE tasks.id = y.id AND tasks.status = 'active' AND y.dossier_id IN (SELECT id FROM d)
                  RETURNING 1),
            e AS (INSERT INTO deadline_events (dossier_id, at, kind, reason, actor, previous_due_at, new_due_at, calendar_version)
                  SELECT id, $3, 'recomputed', $4, $5, previous_due, due_at, $6 FROM d WHERE moved
                  RETURNING 1)
       SELECT id, moved FROM d`,
      [JSON.stringify(dossiers), JSON.stringify(tasks), now, reason, actor, calendar.version],
    );
    return {
      written: new Set([...unchanged, ...result.map((r) => r.id)]),
      changed: result.filter((r) => r.moved).length,
    };
  }
}
