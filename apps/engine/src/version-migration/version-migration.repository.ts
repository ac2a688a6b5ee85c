import { Injectable } from '@nestjs/common';
import type { ProcessGraph } from '@lienthong/bpmn';
import type { DefinitionStatus } from '@lienthong/contracts';
import type { InstanceState } from '@lienthong/engine-core';
import { auditCte } from '../audit/audit-context';
import type { AuditRecord } from '../audit/audit-record';
import { Db, type Sql } from '../database/db.service';
import type { DeadlineState } from '../runtime/deadlines';
import { historyEvents } from '../runtime/history-entry';

export interface VersionRow {
  id: string;
  version: number;
  status: DefinitionStatus;
  legal_time_limit: string | null;
  graph: ProcessGraph;
}

/** A running dossier as a migration reads it. */
export interface MigratingDossierRow {
  id: string;
  code: string;
  definition_key: string;
  definition_version: number;
  status: 'active' | 'completed' | 'cancelled' | 'stopped';
  state: InstanceState;
  revision: number;
  deadlines: DeadlineState | null;
  due_at: Date | null;
  extended: boolean;
}

/** An open step of a migrating dossier. */
export interface OpenTaskRow {
  id: string;
  dossier_id: string;
  node_id: string;
  created_at: Date;
  due_at: Date | null;
}

/** A moved step's new columns (taken from the target element). */
export interface MovedTask {
  id: string;
  node_id: string;
  name: string | null;
  unit: string | null;
  candidate_role: string | null;
  allotted_time: string | null;
  form: unknown;
  topic: string | null;
  retries: number | null;
  clock: string;
  due_at: string | null;
  due_soon_at: string | null;
}

export interface DossierMove {
  id: string;
  revision: number;
  definitionId: string;
  definitionVersion: number;
  state: InstanceState;
  deadlines: DeadlineState;
  dossierClock: { clock: string; dueAt: string | null; dueSoonAt: string | null };
  tasks: MovedTask[];
  /** Timers waiting at a moved element: their job rows follow it. */
  jobs: Array<{ source: string; target: string }>;
  history: Record<string, unknown>;
  deadlineEvents: Array<{
    task_id: string | null;
    previous_due_at: string | null;
    new_due_at: string | null;
  }>;
  actor: string;
  at: Date;
  calendarVersion: string;
  audit: AuditRecord | null;
}

const DOSSIER_COLUMNS = `d.id, d.code, d.definition_key, d.definition_version, d.status, d.state, d.revision, d.deadlines,
  d.due_at, d.extension IS NOT NULL AS extended`;

/** Statements of the migration of running dossiers between versions of a procedure. */
@Injectable()
export class VersionMigrationRepository {
  constructor(private readonly db: Db) {}

  async version(key: string, version: number): Promise<VersionRow | undefined> {
    const { rows } = await this.db.query<VersionRow>(
      `SELECT id, version, status, legal_time_limit, graph FROM definitions WHERE key = $1 AND version = $2`,
      [key, version],
    );
    return rows[0];
  }

  async countActive(key: string, version: number): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dossiers WHERE definition_key = $1 AND definition_version = $2 AND status = 'active'`,
      [key, version],
    );
    return rows[0]?.n ?? 0;
  }

  /** Active dossiers of a version, oldest first. */
  async activeOf(key: string, version: number, limit: number): Promise<MigratingDossierRow[]> {
    const { rows } = await this.db.query<MigratingDossierRow>(
      `SELECT ${DOSSIER_COLUMNS} FROM dossiers d
        WHERE d.definition_key = $1 AND d.definition_version = $2 AND d.status = 'active'
        ORDER BY d.created_at, d.code LIMIT $3`,
      [key, version, limit],
    );
    return rows;
  }

  /** Dossiers by id (those that exist), in the order given. */
  async byIds(ids: string[]): Promise<MigratingDossierRow[]> {
    const { rows } = await this.db.query<MigratingDossierRow>(
      `SELECT ${DOSSIER_COLUMNS} FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n) JOIN dossiers d ON d.id = x.id ORDER BY x.n`,
      [ids],
    );
    return rows;
  }

  async openTasks(dossierIds: string[]): Promise<OpenTaskRow[]> {
    if (dossierIds.length === 0) return [];
    const { rows } = await this.db.query<OpenTaskRow>(
      `SELECT id, dossier_id, node_id, created_at, due_at FROM tasks WHERE dossier_id = ANY($1::uuid[]) AND status = 'active'`,
      [dossierIds],
    );
    return rows;
  }

  /**
   * Moves one dossier in one statement (its own transaction): the dossier row only if its revision is
   * still `revision`, and, only then, its open steps, its timers, a `migrated` history event, the
   * recomputed deadlines and the audit record. Returns whether it was written.
   */
  async move(m: DossierMove, sql: Sql = this.db.query): Promise<boolean> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const json = (value: unknown) => p(JSON.stringify(value));
    const id = p(m.id);
    const at = p(m.at);
    const actor = p(m.actor);
    const appointment = p(m.deadlines.dossier?.dueAt ?? null);
    const ctes = [
      `d AS (UPDATE dossiers SET definition_id = ${p(m.definitionId)}, definition_version = ${p(m.definitionVersion)},
                state = ${json(m.state)}::jsonb, revision = revision + 1, updated_at = ${at},
                deadlines = ${json(m.deadlines)}::jsonb, clock = ${p(m.dossierClock.clock)},
                due_at = ${p(m.dossierClock.dueAt)}::timestamptz, due_soon_at = ${p(m.dossierClock.dueSoonAt)}::timestamptz,
                appointment_at = CASE WHEN extension IS NULL THEN ${appointment}::timestamptz ELSE appointment_at END
          WHERE id = ${id}::uuid AND revision = ${p(m.revision)} AND status = 'active'
         RETURNING id)`,
      `h AS (INSERT INTO history (dossier_id, at, actor, events)
         SELECT d.id, ${at}, ${actor}, ${p(historyEvents([{ type: 'migrated', data: m.history }]))}::jsonb FROM d RETURNING 1)`,
    ];
    if (m.tasks.length > 0) {
      ctes.push(
        `t AS (UPDATE tasks SET node_id = x.node_id, name = x.name, unit = x.unit, candidate_role = x.candidate_role,
                  allotted_time = x.allotted_time, form = x.form, topic = x.topic, retries = x.retries, clock = x.clock,
                  due_at = x.due_at, due_soon_at = x.due_soon_at
             FROM d, jsonb_to_recordset(${json(m.tasks)}::jsonb) AS x(id uuid, node_id text, name text, unit text,
                  candidate_role text, allotted_time text, form jsonb, topic text, retries int, clock text,
                  due_at timestamptz, due_soon_at timestamptz)
            WHERE tasks.id = x.id AND tasks.dossier_id = d.id AND tasks.status = 'active'
           RETURNING 1)`,
      );
    }
    if (m.jobs.length > 0) {
      ctes.push(
        `j AS (UPDATE jobs SET node_id = x.target
             FROM d, jsonb_to_recordset(${json(m.jobs)}::jsonb) AS x(source text, target text)
            WHERE jobs.dossier_id = d.id AND jobs.node_id = x.source
           RETURNING 1)`,
      );
    }
    if (m.deadlineEvents.length > 0) {
      ctes.push(
        `de AS (INSERT INTO deadline_events (dossier_id, task_id, at, kind, reason, actor, previous_due_at, new_due_at,
                                             calendar_version, data)
           SELECT d.id, e.task_id, ${at}, 'recomputed', 'migration', ${actor}, e.previous_due_at, e.new_due_at,
                  ${p(m.calendarVersion)}, ${json({ toVersion: m.definitionVersion })}::jsonb
             FROM d, jsonb_to_recordset(${json(m.deadlineEvents)}::jsonb) AS e(task_id uuid, previous_due_at timestamptz,
                  new_due_at timestamptz)
           RETURNING 1)`,
      );
    }
    if (m.audit) ctes.push(auditCte(m.audit, p));
    const { rows } = await sql<{ moved: number }>(
      `WITH ${ctes.join(',\n')}\nSELECT count(*)::int AS moved FROM d`,
      params,
    );
    return (rows[0]?.moved ?? 0) > 0;
  }
}
