import { Injectable } from '@nestjs/common';
import type {
  ClockState,
  SupplementDto,
  DeadlineStatusDto,
  FormFieldDto,
  OutcomeDto,
  TaskCountsQueryDto,
  TaskKind,
  TaskStatus,
} from '@lienthong/contracts';
import type { Variables } from '@lienthong/engine-core';
import { SqlFilter } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { ReadDb } from '../database/read-db.service';
import { DOSSIER_COLUMNS, type DossierRow } from '../runtime/dossier-row';

export interface TaskRow {
  id: string;
  dossier_id: string;
  dossier_code: string;
  node_id: string;
  name: string | null;
  kind: TaskKind;
  status: TaskStatus;
  unit: string | null;
  candidate_role: string | null;
  allotted_time: string | null;
  topic: string | null;
  form: FormFieldDto[];
  loop_index: number | null;
  loop_total: number | null;
  local_variables: Variables;
  created_at: Date;
  completed_at: Date | null;
  result: Variables | null;
  completed_by: string | null;
  assignee: string | null;
  worker_id: string | null;
  lock_expires_at: Date | string | null;
  retries: number | null;
  error_message: string | null;
  incident_at: Date | string | null;
  worked_minutes: number | null;
  due_at: Date | string | null;
  clock: ClockState;
  deadline_status: DeadlineStatusDto;
  outcome: OutcomeDto | null;
  /** The dossier's clock holders and its last supplement request (from its deadlines). */
  dossier_paused_by?: string[] | null;
  dossier_supplement?: SupplementDto | null;
  /** When the dossier was received (findWithDossier only). */
  dossier_received_at?: Date;
}

const TASK_STATUSES: readonly TaskStatus[] = ['active', 'completed', 'cancelled'];
const TASK_KINDS: readonly TaskKind[] = ['user', 'external'];

/** `value`, known to be one of `values` (the literal goes into the statement's text). */
function oneOf<T extends string>(value: T, values: readonly T[]): T {
  if (!values.includes(value)) throw new Error(`Unexpected value ${value}`);
  return value;
}

/**
 * The filters of the task list (and of its counts): the API's, with `assignee` a user name or null (the
 * steps nobody has), `q` part of the dossier's search text (see the Inbox migration) taken literally.
 */
export interface TaskFilters extends Omit<TaskCountsQueryDto, 'assignee'> {
  kind?: TaskKind;
  topic?: string;
  assignee?: string | null;
}

/** The WHERE clause of the filters; `whole`: for a statement that reads every step they give (the counts). */
function filtersOf(query: TaskFilters, whole = false): SqlFilter {
  const filter = new SqlFilter()
    .addIf(query.dossierId, 't.dossier_id = ?')
    .addIf(query.unit, 't.unit = ?')
    .addIf(query.topic, 't.topic = ?')
    .addIf(query.assignee, 't.assignee = ?')
    .addIf(query.definitionKey, 'd.definition_key = ?')
    .addIf(query.definitionVersion, 'd.definition_version = ?')
    .addIf(query.deadlineStatus, 't.deadline_status = ?')
    .addIf(query.dueFrom, 't.due_at >= ?::timestamptz')
    .addIf(query.dueTo, 't.due_at < ?::timestamptz')
    .addIf(query.q && `%${query.q.replace(/[\\%_]/g, '\\$&')}%`, 'd.search_text LIKE lienthong_fold(?)');
  // An open step's dossier is open. Said to the planner when every open step is read (the counts) or
  // searched (`q`), it joins the few open dossiers (a hash join for the counts, a scan of their search
  // text for `q`) instead of looking each step's dossier up among a million finished ones
  // (test/bench/inbox/query.mjs: p50 ≈ 90 ms before). Not for a plain page: the planner, not knowing
  // that the two go together, would then read every open step rather than the first in due order.
  if (query.status === 'active' && (whole || query.q)) filter.add(`d.status = 'active'`);
  // Status and kind written out, not as parameters: every statement is a named prepared one, and a
  // generic plan (PostgreSQL's choice after five runs) could not use the indexes on open user steps.
  if (query.status) filter.add(`t.status = '${oneOf(query.status, TASK_STATUSES)}'`);
  if (query.kind) filter.add(`t.kind = '${oneOf(query.kind, TASK_KINDS)}'`);
  if (query.assignee === null) filter.add('t.assignee IS NULL');
  return filter;
}

const COLUMNS = `t.id, t.dossier_id, d.code AS dossier_code, t.node_id, t.name, t.kind, t.status, t.unit, t.candidate_role,
  t.allotted_time, t.topic, t.form, t.loop_index, t.loop_total, t.local_variables, t.created_at, t.completed_at, t.result,
  t.completed_by, t.assignee, t.worker_id, t.lock_expires_at, t.retries, t.error_message, t.incident_at, t.worked_minutes, t.due_at, t.clock, t.deadline_status, t.outcome,
  d.deadlines->'pausedBy' AS dossier_paused_by, d.deadlines->'supplement' AS dossier_supplement`;

/** A step of a list, with its procedure. */
export type TaskListRow = TaskRow & { definition_key: string; procedure_name: string };

/** Open user tasks of unit $1 at instant $2: overdue, and due soon (not overdue). */
const OVERDUE = `(t.deadline_status = 'overdue' OR (t.clock = 'running' AND t.due_at < $2))`;
const DUE_SOON = `(NOT ${OVERDUE} AND (t.deadline_status = 'due_soon' OR (t.clock = 'running' AND t.due_soon_at <= $2)))`;
const OPEN_OF_UNIT = `t.unit = $1 AND t.status = 'active' AND t.kind = 'user'`;

/**
 * Statements on tasks (the steps of dossiers) outside the command's one statement. Those that take
 * `sql` run in the caller's transaction.
 */
@Injectable()
export class TasksRepository {
  constructor(
    private readonly db: Db,
    /** Lists may be a moment behind the commands: they can run on the read standby (ReadDb). */
    private readonly read: ReadDb,
  ) {}

  /**
   * A page in creation order (or, `byDue`, earliest due instant first, a step without one last), after
   * the cursor's sort key, one more than `limit`, with each step's procedure; `visible` adds the caller's
   * inbox (Authz.visibleTasks on alias t).
   */
  async list(
    query: TaskFilters & { byDue: boolean; limit: number; after?: { at: string; id: string } },
    visible: (filter: SqlFilter) => void,
  ): Promise<TaskListRow[]> {
    const filter = filtersOf(query);
    visible(filter);
    const byDue = query.byDue;
    // Keyset pagination over the sort key; a step without a due instant sorts last (as 'infinity').
    // In due order it is the expression of tasks_inbox_idx (the Inbox migration).
    const sortKey = byDue ? `(COALESCE(t.due_at, 'infinity'::timestamptz), t.id)` : '(t.created_at, t.id)';
    if (query.after) filter.add(`${sortKey} > (?::timestamptz, ?::uuid)`, query.after.at, query.after.id);
    const { rows } = await this.read.query<TaskListRow>(
      `SELECT ${COLUMNS}, d.definition_key, def.name AS procedure_name
         FROM tasks t JOIN dossiers d ON d.id = t.dossier_id JOIN definitions def ON def.id = d.definition_id
         ${filter.where}
        ORDER BY ${byDue ? `COALESCE(t.due_at, 'infinity'::timestamptz), t.id` : 't.created_at, t.id'}
        LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return rows;
  }

  /**
   * How many steps the filters give, by deadline status and procedure version (a few rows: the caller
   * adds them up per filter chip); `visible` as for `list`.
   */
  async counts(
    query: TaskFilters,
    visible: (filter: SqlFilter) => void,
  ): Promise<
    Array<{
      deadline_status: DeadlineStatusDto;
      definition_key: string;
      definition_version: number;
      procedure_name: string;
      count: number;
    }>
  > {
    const filter = filtersOf(query, true);
    visible(filter);
    // Grouped by the definition row (one per version) before its key and name are joined.
    const { rows } = await this.read.query<{
      deadline_status: DeadlineStatusDto;
      definition_key: string;
      definition_version: number;
      procedure_name: string;
      count: number;
    }>(
      `SELECT c.deadline_status, def.key AS definition_key, def.version AS definition_version,
              def.name AS procedure_name, c.count
         FROM (SELECT t.deadline_status, d.definition_id, count(*)::int AS count
                 FROM tasks t JOIN dossiers d ON d.id = t.dossier_id
                 ${filter.where}
                GROUP BY t.deadline_status, d.definition_id) c
         JOIN definitions def ON def.id = c.definition_id`,
      filter.params,
    );
    return rows;
  }

  /** Open incidents (external tasks out of retries), oldest first, of one unit or all. */
  async incidents(unit: string | null): Promise<TaskRow[]> {
    const { rows } = await this.db.query<TaskRow>(
      `SELECT ${COLUMNS} FROM tasks t JOIN dossiers d ON d.id = t.dossier_id
        WHERE t.incident_at IS NOT NULL AND t.status = 'active' AND ($1::text IS NULL OR t.unit = $1)
        ORDER BY t.incident_at LIMIT 500`,
      [unit],
    );
    return rows;
  }

  /** The unit and activity of the person `username` (an assignee to be). */
  async member(sql: Sql, username: string): Promise<{ unit_code: string; active: boolean } | undefined> {
    const { rows } = await sql<{ unit_code: string; active: boolean }>(
      `SELECT unit_code, active FROM users WHERE username = $1`,
      [username],
    );
    return rows[0];
  }

  /**
   * Writes the assignee, bumps the dossier's revision and records the live inboxes' event (`event`:
   * claimed, unclaimed or assigned), in one statement.
   */
  async setAssignee(
    sql: Sql,
    id: string,
    assignee: string | null,
    now: Date,
    event: 'claimed' | 'unclaimed' | 'assigned',
  ): Promise<void> {
    await sql(
      `WITH t AS (UPDATE tasks SET assignee = $2::text, assigned_at = CASE WHEN $2::text IS NULL THEN NULL ELSE $3::timestamptz END
                     WHERE id = $1 RETURNING id, dossier_id, kind, unit, candidate_role, assignee),
            te AS (INSERT INTO task_events (at, type, task_id, dossier_id, unit, candidate_role, assignee)
                   SELECT $3, $4, id, dossier_id, unit, candidate_role, assignee FROM t WHERE kind = 'user' AND unit IS NOT NULL)
         UPDATE dossiers SET revision = revision + 1 WHERE id = (SELECT dossier_id FROM t)`,
      [id, assignee, now, event],
    );
  }

  /** A task and its dossier in one query (the command's revision included); `forUpdate` locks both rows. */
  async findWithDossier(
    sql: Sql,
    id: string,
    forUpdate = false,
  ): Promise<(TaskRow & { dossier: DossierRow }) | undefined> {
    const { rows } = await sql<TaskRow & { dossier: DossierRow }>(
      `SELECT ${COLUMNS}, d.created_at AS dossier_received_at, (SELECT to_jsonb(x) FROM (SELECT ${DOSSIER_COLUMNS}) x) AS dossier
         FROM tasks t JOIN dossiers d ON d.id = t.dossier_id WHERE t.id = $1${forUpdate ? ' FOR UPDATE OF t, d' : ''}`,
      [id],
    );
    return rows[0];
  }

  /** The user tasks of a dossier completed so far, one per node (its last completion), earliest first. */
  async completedUserSteps(
    sql: Sql,
    dossierId: string,
  ): Promise<
    Array<{
      node_id: string;
      name: string | null;
      unit: string | null;
      completed_at: Date;
      completed_by: string | null;
    }>
  > {
    const { rows } = await sql<{
      node_id: string;
      name: string | null;
      unit: string | null;
      completed_at: Date;
      completed_by: string | null;
    }>(
      `SELECT * FROM (
         SELECT DISTINCT ON (node_id) node_id, name, unit, completed_at, completed_by
           FROM tasks WHERE dossier_id = $1 AND kind = 'user' AND status = 'completed'
          ORDER BY node_id, completed_at DESC) s
        ORDER BY completed_at`,
      [dossierId],
    );
    return rows;
  }

  /** How many open user tasks the unit has at `now`: all, overdue, due soon. */
  async deadlineCounts(
    unit: string,
    now: Date,
  ): Promise<{ open: number; overdue: number; due_soon: number }> {
    const { rows } = await this.read.query<{ open: number; overdue: number; due_soon: number }>(
      `SELECT count(*)::int AS open, (count(*) FILTER (WHERE ${OVERDUE}))::int AS overdue,
              (count(*) FILTER (WHERE ${DUE_SOON}))::int AS due_soon
         FROM tasks t WHERE ${OPEN_OF_UNIT}`,
      [unit, now],
    );
    return rows[0] ?? { open: 0, overdue: 0, due_soon: 0 };
  }

  /** The unit's open user tasks overdue (or due soon) at `now`, earliest due first, with their procedure. */
  async dueSteps(
    unit: string,
    now: Date,
    which: 'overdue' | 'due_soon',
    limit: number,
  ): Promise<TaskListRow[]> {
    const { rows } = await this.read.query<TaskListRow>(
      `SELECT ${COLUMNS}, d.definition_key, def.name AS procedure_name
         FROM tasks t JOIN dossiers d ON d.id = t.dossier_id JOIN definitions def ON def.id = d.definition_id
        WHERE ${OPEN_OF_UNIT} AND ${which === 'overdue' ? OVERDUE : DUE_SOON}
        ORDER BY COALESCE(t.due_at, 'infinity'::timestamptz), t.id
        LIMIT $3`,
      [unit, now, limit],
    );
    return rows;
  }

  /** Outcomes of the unit's steps completed in [from, to) that had an allotted time. */
  async outcomes(
    unit: string,
    from: Date,
    to: Date,
  ): Promise<{ early: number; on_time: number; late: number }> {
    const { rows } = await this.read.query<{ early: number; on_time: number; late: number }>(
      `SELECT (count(*) FILTER (WHERE outcome = 'early'))::int AS early,
              (count(*) FILTER (WHERE outcome = 'on_time'))::int AS on_time,
              (count(*) FILTER (WHERE outcome = 'late'))::int AS late
         FROM tasks
        WHERE unit = $1 AND status = 'completed' AND outcome IS NOT NULL
          AND completed_at >= $2 AND completed_at < $3`,
      [unit, from, to],
    );
    return rows[0] ?? { early: 0, on_time: 0, late: 0 };
  }
}
