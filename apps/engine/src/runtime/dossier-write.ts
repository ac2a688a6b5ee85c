import { VIETNAM_OFFSET_MS } from '@lienthong/calendar';
import type { ApplicantDto } from '@lienthong/contracts';
import type { Effect, HistoryEvent, StepResult, TaskSpec } from '@lienthong/engine-core';
import type { CachedDefinition } from './definition-cache';
import type { DeadlineUpdate, TaskDeadline } from './deadlines';
import { commandOutboxCtes } from '../webhooks/webhook-outbox.sql';
import { externalTasksWakeSql } from './domain-events';
import { type DeadlineChange, DEADLINE_CHANGES_OF_COMMANDS } from '../webhooks/webhook-events';
import { auditCte } from '../audit/audit-context';
import { isUuid } from '../common/uuid.util';
import { dailyNumberSql } from '../common/sql/daily-number.util';
import type { AuditRecord } from '../audit/audit-writer';
import { fromInterpreter, historyEvents } from './history-entry';

export type WriteTarget =
  | {
      mode: 'update';
      id: string;
      revision: number;
      extension?: { record: Record<string, unknown>; newDueAt: string };
    }
  | {
      mode: 'insert';
      id: string;
      definition: CachedDefinition;
      receivingUnit: string;
      unitIdentifier: string;
      channel: 'desk' | 'online' | 'postal';
      applicant: ApplicantDto;
      parentId: string | null;
      parentCallId: string | null;
      externalRef?: string | null;
    };

export interface TaskRecord {
  id: string;
  token_id: string;
  node_id: string;
  name: string | null;
  kind: string;
  status: 'active' | 'completed' | 'cancelled' | 'stopped';
  unit: string | null;
  candidate_role: string | null;
  allotted_time: string | null;
  topic: string | null;
  retries: number | null;
  form: unknown;
  loop_index: number | null;
  loop_total: number | null;
  local_variables: unknown;
  completed: boolean;
  result: unknown;
  clock: string;
  due_at: string | null;
  due_soon_at: string | null;
  deadline_status: string;
  outcome: string | null;
  worked_minutes: number | null;
}

/**
 * Only the deadline sweep moves a status up (due soon, overdue), recording the transition as an
 * event; a write from a command only moves it down (a restart, a resumption, a later due instant).
 */
export function lowerStatus(current: string, computed: string): string {
  const rank = `ARRAY['on_track','due_soon','overdue']`;
  return `CASE WHEN array_position(${rank}, ${computed}::text) < array_position(${rank}, ${current}::text) THEN ${computed}::text ELSE ${current} END`;
}

/** What the written dossier row (CTE `d`) returns: its code, and what webhook payloads show of it. */
const D_RETURNING =
  'id, code, status, receiving_unit, definition_key, due_at, appointment_at, clock, deadline_status';

function deadlineColumns(d: TaskDeadline | undefined) {
  return {
    clock: d?.clock ?? 'none',
    due_at: d?.dueAt ?? null,
    due_soon_at: d?.dueSoonAt ?? null,
    deadline_status: d?.deadlineStatus ?? 'on_track',
    outcome: d?.outcome ?? null,
    worked_minutes: d?.workedMinutes ?? null,
  };
}

/**
 * One SQL statement that writes a step's outcome: the dossier row (inserted with its official code
 * from the daily sequence, or updated only if its revision is still the one read) and, only when
 * that row was written, every effect — tasks created and ended, jobs scheduled and cancelled,
 * history appended, a NOTIFY for the job workers. The statement returns the dossier's code, or no
 * code when the revision check failed and nothing at all was written.
 */
export function buildWrite(
  target: WriteTarget,
  result: StepResult,
  now: Date,
  actorId: string,
  deadline: DeadlineUpdate,
  calendarVersion: string,
  audit?: AuditRecord,
): { text: string; params: unknown[]; tasks: TaskRecord[]; endedTaskIds: string[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const json = (value: unknown) => p(JSON.stringify(value));
  const state = result.state;
  const ended = state.status !== 'active';
  const ctes: string[] = [];
  const nowP = p(now);
  const stateP = json(state);
  const dd = deadline.dossier;
  // The promised appointment: the legal due instant (kept at its last value while paused).
  const appointment = deadline.state.dossier?.dueAt ?? null;
  const deadlineValues = [
    json(deadline.state),
    p(dd.clock),
    `${p(dd.dueAt)}::timestamptz`,
    `${p(dd.dueSoonAt)}::timestamptz`,
    p(dd.deadlineStatus),
    p(dd.outcome),
  ];

  if (target.mode === 'insert') {
    const local = new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
    const unitP = p(target.receivingUnit);
    ctes.push(
      `seq AS (INSERT INTO dossier_sequences (unit_code, day, last_value) VALUES (${unitP}, ${p(local)}, 1)
         ON CONFLICT (unit_code, day) DO UPDATE SET last_value = dossier_sequences.last_value + 1 RETURNING last_value)`,
      `d AS (INSERT INTO dossiers (id, code, definition_id, definition_key, definition_version, status, receiving_unit, channel,
                                   applicant, state, variables, parent_id, parent_call_id, revision, created_at, updated_at, ended_at,
                                   deadlines, clock, due_at, due_soon_at, deadline_status, outcome, appointment_at, external_ref)
         SELECT ${p(target.id)}, ${p(`${target.unitIdentifier}-${local.slice(2).replace(/-/g, '')}-`)} || ${dailyNumberSql('seq.last_value')},
                ${p(target.definition.id)}, ${p(target.definition.key)}, ${p(target.definition.version)}, ${p(state.status)}, ${unitP},
                ${p(target.channel)}, ${json(target.applicant)}, ${stateP}::jsonb, (${stateP}::jsonb)->'variables', ${p(target.parentId)}::uuid,
                ${p(target.parentCallId)}::uuid, 1, ${nowP}, ${nowP}, ${ended ? nowP : 'NULL'},
                ${deadlineValues.join(', ')}, ${p(appointment)}::timestamptz, ${p(target.externalRef ?? null)}
           FROM seq
         RETURNING ${D_RETURNING})`,
    );
  } else {
    const [deadlinesP, clockP, dueP, dueSoonP, statusP, outcomeP] = deadlineValues;
    ctes.push(
      `d AS (UPDATE dossiers SET state = ${stateP}::jsonb, variables = (${stateP}::jsonb)->'variables', status = ${p(state.status)},
                revision = revision + 1, updated_at = ${nowP}${ended ? `, ended_at = ${nowP}` : ''},
                deadlines = ${deadlinesP}::jsonb, clock = ${clockP}, due_at = ${dueP}, due_soon_at = ${dueSoonP},
                deadline_status = ${lowerStatus('deadline_status', statusP as string)}, outcome = ${outcomeP},
                overdue_holders = CASE WHEN ${lowerStatus('deadline_status', statusP as string)} = 'overdue' THEN overdue_holders END,
                ${
                  target.extension
                    ? `extension = ${json(target.extension.record)}::jsonb, appointment_at = ${p(target.extension.newDueAt)}::timestamptz`
                    : `appointment_at = CASE WHEN extension IS NULL THEN ${p(appointment)}::timestamptz ELSE appointment_at END`
                }
          WHERE id = ${p(target.id)} AND revision = ${p(target.revision)}
         RETURNING ${D_RETURNING})`,
    );
  }
  const guard = 'EXISTS (SELECT 1 FROM d)';

  // Tasks created and ended by the same step are inserted in their final state.
  const created = new Map<string, TaskRecord>();
  const endedTasks: Array<
    { id: string; status: string; completed_by: string | null; result: unknown } & ReturnType<
      typeof deadlineColumns
    >
  > = [];
  const jobsScheduled = new Map<string, Extract<Effect, { type: 'jobScheduled' }>>();
  const jobsCancelled: string[] = [];
  const history: HistoryEvent[] = [];
  for (const e of result.effects) {
    switch (e.type) {
      case 'taskCreated':
        created.set(e.task.taskId, {
          ...taskRecord(e.task),
          ...deadlineColumns(deadline.tasks.get(e.task.taskId)),
        });
        break;
      case 'taskEnded': {
        const fresh = created.get(e.taskId);
        if (fresh) {
          Object.assign(fresh, deadlineColumns(deadline.tasks.get(e.taskId)));
          fresh.status = e.outcome;
          fresh.completed = true;
          fresh.result = e.variables ?? null;
        } else {
          endedTasks.push({
            id: e.taskId,
            status: e.outcome,
            completed_by: e.outcome === 'completed' ? actorId : null,
            result: e.variables ?? null,
            ...deadlineColumns(deadline.tasks.get(e.taskId)),
          });
        }
        break;
      }
      case 'jobScheduled':
        jobsScheduled.set(e.jobId, e);
        break;
      case 'jobCancelled':
        if (!jobsScheduled.delete(e.jobId)) jobsCancelled.push(e.jobId);
        break;
      case 'history':
        history.push(e.event);
        break;
      case 'callStarted':
      case 'callCancelled':
      case 'messageAwaited':
      case 'instanceEnded':
      case 'clock':
        break;
    }
  }
  // Open tasks whose clock this step paused or resumed.
  const endedIds = new Set(endedTasks.map((t) => t.id));
  const reclocked = [...deadline.tasks.entries()]
    .filter(([id]) => !created.has(id) && !endedIds.has(id))
    .map(([id, d]) => ({ id, ...deadlineColumns(d) }));

  if (created.size > 0) {
    ctes.push(
      `t_new AS (INSERT INTO tasks (id, dossier_id, token_id, node_id, name, kind, status, unit, candidate_role, allotted_time, topic,
                                   retries, form, loop_index, loop_total, local_variables, result, created_at, completed_at, completed_by,
                                   clock, due_at, due_soon_at, deadline_status, outcome, worked_minutes)
         SELECT t.id, d.id, t.token_id, t.node_id, t.name, t.kind, t.status, t.unit, t.candidate_role, t.allotted_time, t.topic,
                t.retries, t.form, t.loop_index, t.loop_total, t.local_variables, t.result, ${nowP},
                CASE WHEN t.completed THEN ${nowP}::timestamptz END, CASE WHEN t.status = 'completed' THEN ${p(actorId)} END,
                t.clock, t.due_at, t.due_soon_at, 'on_track', t.outcome, t.worked_minutes
           FROM d, jsonb_to_recordset(${json([...created.values()])}::jsonb) AS t(id uuid, token_id uuid, node_id text, name text,
                kind text, status text, unit text, candidate_role text, allotted_time text, topic text, retries int, form jsonb,
                loop_index int, loop_total int, local_variables jsonb, completed boolean, result jsonb, clock text,
                due_at timestamptz, due_soon_at timestamptz, deadline_status text, outcome text, worked_minutes int)
         RETURNING 1)`,
    );
  }
  // Steps ended or re-clocked, found by primary key: `x` is the new values, `match` the condition on
  // `tasks`. One step (the usual case) is a plain `id = $n` with its values as parameters; several go
  // through a recordset with `id = ANY(…)`, so that the plan is a primary-key lookup whatever the
  // statistics say (a join on the recordset alone became a pass over every open step on a young table).
  const stepRows = (
    rows: Array<Record<string, unknown> & { id: string }>,
    columns: Array<[string, string]>,
  ) => {
    if (rows.length === 1) {
      const row = rows[0]!;
      const values = columns.map(([name, type]) => {
        const value = row[name] ?? null;
        return `${p(type === 'jsonb' && value !== null ? JSON.stringify(value) : value)}::${type} AS ${name}`;
      });
      return { from: `(SELECT ${values.join(', ')}) AS x`, match: `tasks.id = ${p(row.id)}::uuid` };
    }
    const spec = [['id', 'uuid'], ...columns].map(([name, type]) => `${name} ${type}`).join(', ');
    return {
      from: `jsonb_to_recordset(${json(rows)}::jsonb) AS x(${spec})`,
      match: `tasks.id = ANY(${p(rows.map((r) => r.id))}::uuid[]) AND tasks.id = x.id`,
    };
  };
  if (endedTasks.length > 0) {
    const x = stepRows(endedTasks, [
      ['status', 'text'],
      ['completed_by', 'text'],
      ['result', 'jsonb'],
      ['clock', 'text'],
      ['outcome', 'text'],
      ['worked_minutes', 'int'],
    ]);
    ctes.push(
      `t_end AS (UPDATE tasks SET status = x.status, completed_at = ${nowP}, completed_by = x.completed_by, result = x.result,
                clock = x.clock, outcome = x.outcome, worked_minutes = x.worked_minutes
           FROM ${x.from}
          WHERE ${x.match} AND tasks.status = 'active' AND ${guard}
         RETURNING tasks.id, tasks.dossier_id, tasks.kind, tasks.unit, tasks.candidate_role, tasks.assignee, x.status)`,
    );
  }
  // The live inboxes' events (live/task-event.entity.ts): officers' steps that appeared and ended.
  const appeared = [...created.values()]
    .filter((t) => t.kind === 'user' && t.status === 'active' && t.unit !== null)
    .map((t) => ({ id: t.id, unit: t.unit, candidate_role: t.candidate_role }));
  const liveSources = [
    ...(appeared.length > 0
      ? [
          `SELECT 'created' AS type, t.id, d.id AS dossier_id, t.unit, t.candidate_role, NULL::text AS assignee
             FROM d, jsonb_to_recordset(${json(appeared)}::jsonb) AS t(id uuid, unit text, candidate_role text)`,
        ]
      : []),
    ...(endedTasks.length > 0
      ? [
          `SELECT status AS type, id, dossier_id, unit, candidate_role, assignee FROM t_end WHERE kind = 'user' AND unit IS NOT NULL`,
        ]
      : []),
  ];
  if (liveSources.length > 0) {
    ctes.push(
      `te AS (INSERT INTO task_events (at, type, task_id, dossier_id, unit, candidate_role, assignee)
         SELECT ${nowP}, e.type, e.id, e.dossier_id, e.unit, e.candidate_role, e.assignee
           FROM (${liveSources.join(' UNION ALL ')}) AS e
         RETURNING 1)`,
    );
  }
  if (reclocked.length > 0) {
    const x = stepRows(reclocked, [
      ['clock', 'text'],
      ['due_at', 'timestamptz'],
      ['due_soon_at', 'timestamptz'],
      ['deadline_status', 'text'],
    ]);
    ctes.push(
      `t_clock AS (UPDATE tasks SET clock = x.clock, due_at = x.due_at, due_soon_at = x.due_soon_at,
                deadline_status = ${lowerStatus('tasks.deadline_status', 'x.deadline_status')}
           FROM ${x.from}
          WHERE ${x.match} AND tasks.status = 'active' AND ${guard}
         RETURNING 1)`,
    );
  }
  if (deadline.events.length > 0) {
    const rows = deadline.events.map((e) => ({
      task_id: e.taskId ?? null,
      kind: e.kind,
      reason: e.reason ?? null,
      working_minutes: e.workingMinutes ?? null,
      previous_due_at: e.previousDueAt ?? null,
      new_due_at: e.newDueAt ?? null,
      data: e.data ?? null,
    }));
    ctes.push(
      `de AS (INSERT INTO deadline_events (dossier_id, task_id, at, kind, reason, actor, working_minutes, previous_due_at, new_due_at,
                                           calendar_version, data)
         SELECT d.id, e.task_id, ${nowP}, e.kind, e.reason, ${p(actorId)}, e.working_minutes, e.previous_due_at, e.new_due_at,
                ${p(calendarVersion)}, e.data
           FROM d, jsonb_to_recordset(${json(rows)}::jsonb) AS e(task_id uuid, kind text, reason text, working_minutes int,
                previous_due_at timestamptz, new_due_at timestamptz, data jsonb)
         RETURNING 1)`,
    );
  }
  if (jobsCancelled.length > 0) {
    ctes.push(
      `j_del AS (DELETE FROM jobs WHERE id = ANY(${p(jobsCancelled)}::uuid[]) AND ${guard} RETURNING 1)`,
    );
  }
  if (jobsScheduled.size > 0) {
    const jobs = [...jobsScheduled.values()].map((j) => ({
      id: j.jobId,
      node_id: j.nodeId,
      due_at: j.dueAt,
    }));
    ctes.push(
      `j_new AS (INSERT INTO jobs (id, kind, dossier_id, node_id, due_at, created_at)
         SELECT j.id, 'timer', d.id, j.node_id, j.due_at, ${nowP}
           FROM d, jsonb_to_recordset(${json(jobs)}::jsonb) AS j(id uuid, node_id text, due_at timestamptz)
         RETURNING 1)`,
      // Wakes the job workers at commit (a NOTIFY is delivered only if the transaction commits).
      `j_wake AS (SELECT pg_notify('lt_jobs', '') FROM d)`,
    );
  }
  // Wakes long-polling workers of every engine process at commit, once per topic of a new external task.
  const topics = [
    ...new Set(
      [...created.values()]
        .filter((t) => t.kind === 'external' && t.status === 'active' && t.topic !== null)
        .map((t) => t.topic as string),
    ),
  ];
  if (topics.length > 0) {
    ctes.push(
      `x_wake AS (${externalTasksWakeSql('x.topic', `FROM d, unnest(${p(topics)}::text[]) AS x(topic)`)})`,
    );
  }
  if (history.length > 0) {
    // One row per command: its events in order (ADR 0007, session 8).
    ctes.push(
      `h AS (INSERT INTO history (dossier_id, at, actor, events)
         SELECT d.id, ${nowP}, ${p(actorId)}, ${p(historyEvents(fromInterpreter(history)))}::jsonb FROM d RETURNING 1)`,
    );
  }
  // Webhook deliveries (the outbox), in this statement: only if the dossier row was written.
  const instanceEnded = result.effects.find((e) => e.type === 'instanceEnded');
  // The last change of the dossier's own clock (its events carry no step).
  const clockChange =
    target.mode === 'update'
      ? deadline.events.findLast((e) => !e.taskId && DEADLINE_CHANGES_OF_COMMANDS.has(e.kind))
      : undefined;
  ctes.push(
    ...commandOutboxCtes(
      {
        tasks: [...created.values()],
        created: target.mode === 'insert',
        ended: instanceEnded
          ? { result: (state.result as Record<string, unknown> | undefined) ?? null }
          : undefined,
        deadline: clockChange
          ? { change: clockChange.kind as DeadlineChange, reason: clockChange.reason ?? null }
          : undefined,
      },
      now.toISOString(),
      p,
    ),
  );
  // The request's audit record, committed with the change (see audit/audit-context.ts).
  if (audit !== undefined) ctes.push(auditCte(audit, p));
  // Every data-modifying CTE runs to completion whether or not it is read; the SELECT-only ones
  // (j_wake, x_wake) run only when read, hence the counts below.
  const wake =
    (jobsScheduled.size > 0 ? ', (SELECT count(*) FROM j_wake) AS woke' : '') +
    (topics.length > 0 ? ', (SELECT count(*) FROM x_wake) AS woke_workers' : '');
  const shape = writeShape(
    target,
    ended,
    created,
    endedTasks.length,
    appeared.length,
    reclocked.length,
    deadline.events.length,
    jobsCancelled.length,
    jobsScheduled.size,
    topics.length,
    history.length,
    instanceEnded !== undefined,
    clockChange !== undefined,
    audit,
    params.length,
  );
  return {
    text: internedText(shape, `WITH ${ctes.join(',\n')}\nSELECT (SELECT code FROM d) AS code${wake}`),
    params,
    tasks: [...created.values()],
    endedTaskIds: endedTasks.map((t) => t.id),
  };
}

/**
 * What the statement's text depends on: which CTEs it has and how each is written (one step or several,
 * a dossier audit target or not), never the data, which goes in parameters; with the parameter count
 * as a check. Every branch of `buildWrite` that changes the text is one of these.
 */
function writeShape(
  target: WriteTarget,
  ended: boolean,
  created: ReadonlyMap<string, TaskRecord>,
  endedSteps: number,
  appearedSteps: number,
  reclockedSteps: number,
  deadlineEvents: number,
  jobsCancelled: number,
  jobsScheduled: number,
  topics: number,
  history: number,
  instanceEnded: boolean,
  clockChange: boolean,
  audit: AuditRecord | undefined,
  params: number,
): string {
  let openWithUnit = false;
  for (const t of created.values()) if (t.status === 'active' && t.unit !== null) openWithUnit = true;
  const flags = [
    target.mode === 'insert' ? 'i' : target.extension ? 'x' : 'u',
    ended ? 'E' : '',
    created.size > 0 ? 'c' : '',
    Math.min(endedSteps, 2),
    appearedSteps > 0 ? 'a' : '',
    Math.min(reclockedSteps, 2),
    deadlineEvents > 0 ? 'd' : '',
    jobsCancelled > 0 ? 'j' : '',
    jobsScheduled > 0 ? 'J' : '',
    topics > 0 ? 't' : '',
    history > 0 ? 'h' : '',
    openWithUnit ? 'o' : '',
    instanceEnded ? 'n' : '',
    clockChange ? 'k' : '',
    audit === undefined
      ? ''
      : audit.targetType !== 'dossier'
        ? 'A'
        : audit.targetId !== null && isUuid(audit.targetId)
          ? 'U'
          : 'D',
  ];
  return `${flags.join('')}:${params}`;
}

/** One text per shape (see `writeShape`), up to a bound that the shapes never reach. */
const texts = new Map<string, string>();
const MAX_SHAPES = 512;

/** Forgets the kept texts: for tests, to compare a freshly built text with a kept one. */
export function forgetWriteTexts(): void {
  texts.clear();
}

/**
 * The text kept for this shape instead of the one just built (equal to it): the same string each time,
 * so that the statement's name (database/statement-names.util.ts) and node-postgres find it by identity
 * rather than by hashing and comparing some 4,600 characters (about 10 µs a command; ADR 0007, session 8).
 * A kept text of another length than the built one would mean a shape that `writeShape` misses: the
 * built text is used then.
 */
function internedText(shape: string, text: string): string {
  const kept = texts.get(shape);
  if (kept !== undefined && kept.length === text.length) return kept;
  if (kept === undefined && texts.size < MAX_SHAPES) texts.set(shape, text);
  return text;
}

function taskRecord(t: TaskSpec): TaskRecord {
  return {
    id: t.taskId,
    token_id: t.tokenId,
    node_id: t.nodeId,
    name: t.name ?? null,
    kind: t.kind,
    status: 'active',
    unit: t.unit,
    candidate_role: t.candidateRole ?? null,
    allotted_time: t.allottedTime ?? null,
    topic: t.topic ?? null,
    retries: t.retries ?? null,
    form: t.form,
    loop_index: t.loop?.index ?? null,
    loop_total: t.loop?.total ?? null,
    local_variables: t.locals ?? {},
    completed: false,
    result: null,
    ...deadlineColumns(undefined),
  };
}
