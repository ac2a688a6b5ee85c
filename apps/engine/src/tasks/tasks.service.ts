import { Injectable } from '@nestjs/common';
import type {
  DeadlineStatusDto,
  PageDto,
  SendBackTargetDto,
  SupplementDto,
  TaskCompletionDto,
  TaskCountsDto,
  TaskProcedureCountDto,
  TaskDto,
  TaskKind,
  TaskListItemDto,
  UnitSummaryDto,
} from '@lienthong/contracts';
import { VIETNAM_OFFSET_MS } from '@lienthong/calendar';
import { sendBackTargets, type Command } from '@lienthong/engine-core';
import { decodeCursor, toPage } from '../common/pagination';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import { iso } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { isUuid } from '../common/uuid.util';
import { activeSteps } from '../dossiers/active-steps.util';
import { parseVariables } from '../dossiers/dossiers.service';
import { DefinitionCache } from '../runtime/definition-cache';
import { HotCache } from '../runtime/hot-cache';
import type { Actor } from '../identity/actor';
import type { DossierRow } from '../runtime/dossier-row';
import { ProcessRuntime } from '../runtime/process-runtime.service';
import { clockHolds, EMPTY_DEADLINES, requestSupplement, type TaskDeadline } from '../runtime/deadlines';
import { forbidden } from '../identity/auth.problems';
import { hasRole } from '../identity/principal';
import { validateFormVariables } from './form-validation.util';
import { type TaskFilters, type TaskListRow, type TaskRow, TasksRepository } from './tasks.repository';
import { Authz } from '../identity/authz.service';
import { actorOf, type Principal } from '../identity/principal';
import { Clock } from '../common/clock/clock';
import { writeAuditIn } from '../audit/audit-writer';
import { pendingKey, recordKeyIn, takeKeyIn } from '../common/idempotency/command-key';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { CalendarSource } from '../runtime/calendar-source';
import {
  assertSupplementInTime,
  supplementCountedFrom,
  supplementRequestDeadline,
} from './supplement-window.util';

export type { TaskRow };

export interface TaskQuery extends Omit<TaskFilters, 'assignee'> {
  /** A user name, `me` (the caller) or `unassigned` (nobody's yet). */
  assignee?: string;
  /** `created` (default): oldest first; `due`: earliest due instant first, steps without one last. */
  order?: 'created' | 'due';
  limit: number;
  cursor?: string;
}

/**
 * The filters as the repository takes them: `assignee` resolved, the search trimmed.
 * @throws 400 when they contradict each other (a version without its procedure, an empty due range)
 */
function resolveFilters(query: Omit<TaskQuery, 'limit'>, principal: Principal): TaskFilters {
  const { order: _order, cursor: _cursor, ...filters } = query as TaskQuery;
  if (filters.definitionVersion !== undefined && !filters.definitionKey) {
    throw badRequest('definitionVersion needs definitionKey (the procedure of that version).', [
      { path: 'definitionVersion', message: 'needs definitionKey' },
    ]);
  }
  if (filters.dueFrom && filters.dueTo && new Date(filters.dueFrom) >= new Date(filters.dueTo)) {
    throw badRequest('dueFrom must be before dueTo.', [{ path: 'dueTo', message: 'must be after dueFrom' }]);
  }
  const assignee =
    filters.assignee === 'me' ? principal.name : filters.assignee === 'unassigned' ? null : filters.assignee;
  return { ...filters, assignee, q: filters.q?.trim() || undefined };
}

const DEADLINE_STATUSES: readonly DeadlineStatusDto[] = ['on_track', 'due_soon', 'overdue'];

@Injectable()
export class TasksService {
  constructor(
    private readonly db: Db,
    private readonly tasks: TasksRepository,
    private readonly runtime: ProcessRuntime,
    private readonly cache: DefinitionCache,
    private readonly hot: HotCache,
    private readonly authz: Authz,
    private readonly clock: Clock,
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly calendars: CalendarSource,
  ) {}

  /** The steps the principal may see (see Authz.visibleTasks), filtered. */
  async list(query: TaskQuery, principal: Principal): Promise<PageDto<TaskListItemDto>> {
    if (query.dossierId && !isUuid(query.dossierId)) return { items: [], nextCursor: null };
    const byDue = query.order === 'due';
    let after: { at: string; id: string } | undefined;
    if (query.cursor) {
      const cursor = byDue
        ? decodeCursor<{ dueAt: string; id: string }>(query.cursor, ['dueAt', 'id'])
        : decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id']);
      after = { at: 'dueAt' in cursor ? cursor.dueAt : cursor.createdAt, id: cursor.id };
    }
    const filters = resolveFilters(query, principal);
    const rows = await this.tasks.list({ ...filters, limit: query.limit, byDue, after }, (filter) =>
      this.authz.visibleTasks(principal, filter),
    );
    const items = rows.map(toListItem);
    return toPage(items, query.limit, (t): Record<string, string> =>
      byDue ? { dueAt: t.dueAt ?? 'infinity', id: t.id } : { createdAt: t.createdAt, id: t.id },
    );
  }

  /**
   * The numbers of the inbox's filter chips in the list's scope: by deadline status with every other
   * filter, by procedure (and version) with every other filter. Open steps unless `status` says otherwise.
   */
  async counts(query: Omit<TaskQuery, 'limit'>, principal: Principal): Promise<TaskCountsDto> {
    const { deadlineStatus, definitionKey, definitionVersion, ...others } = resolveFilters(
      { ...query, status: query.status ?? 'active' },
      principal,
    );
    const rows = await this.tasks.counts(others, (filter) => this.authz.visibleTasks(principal, filter));
    const ofProcedure = (r: (typeof rows)[number]) =>
      definitionKey === undefined ||
      (r.definition_key === definitionKey &&
        (definitionVersion === undefined || r.definition_version === definitionVersion));
    const byDeadlineStatus = Object.fromEntries(DEADLINE_STATUSES.map((s) => [s, 0])) as Record<
      DeadlineStatusDto,
      number
    >;
    const byProcedure = new Map<string, TaskProcedureCountDto>();
    let total = 0;
    for (const r of rows) {
      if (ofProcedure(r)) byDeadlineStatus[r.deadline_status] += r.count;
      if (deadlineStatus !== undefined && r.deadline_status !== deadlineStatus) continue;
      if (ofProcedure(r)) total += r.count;
      const procedure = byProcedure.get(r.definition_key) ?? {
        definitionKey: r.definition_key,
        procedureName: r.procedure_name,
        count: 0,
        versions: [],
      };
      procedure.count += r.count;
      // a procedure is named as its newest version is
      if (procedure.versions.every((v) => v.version < r.definition_version)) {
        procedure.procedureName = r.procedure_name;
      }
      const version = procedure.versions.find((v) => v.version === r.definition_version);
      if (version) version.count += r.count;
      else procedure.versions.push({ version: r.definition_version, count: r.count });
      byProcedure.set(r.definition_key, procedure);
    }
    return {
      total,
      byDeadlineStatus,
      byProcedure: [...byProcedure.values()]
        .map((p) => ({ ...p, versions: p.versions.sort((a, b) => b.version - a.version) }))
        .sort((a, b) => b.count - a.count || a.procedureName.localeCompare(b.procedureName, 'vi')),
    };
  }

  /** A step; an open user step with the last instant it may ask for a supplement (the drawer shows it). */
  async get(id: string, kind: TaskKind, principal: Principal): Promise<TaskDto> {
    const { task, dossier } = await this.loadWithDossier(this.db.query, id, kind);
    this.authz.assertTask(principal, task, 'read');
    const dto = toDto(task);
    if (task.kind !== 'user' || task.status !== 'active' || !task.dossier_received_at) return dto;
    const from = supplementCountedFrom(task.dossier_received_at, dossier.deadlines?.supplement?.receivedAt);
    const until = supplementRequestDeadline(
      this.calendars.current(),
      from,
      this.config.dossiers.supplementRequestDays,
    );
    return { ...dto, supplementUntil: until.toISOString() };
  }

  /** Open incidents (external tasks out of retries), oldest first, without a rights check (callers check). */
  async incidents(unit?: string): Promise<TaskDto[]> {
    const rows = await this.tasks.incidents(unit ?? null);
    return rows.map(toDto);
  }

  /** Any task by id, without a rights check (callers check: e.g. an admin retrying an incident). */
  async getAny(id: string): Promise<TaskDto> {
    return toDto((await this.loadWithDossier(this.db.query, id)).task);
  }

  /** Takes a step: it becomes the caller's, and only theirs to complete (until a leader reassigns it). */
  async claim(id: string, principal: Principal): Promise<TaskDto> {
    return this.setAssignee(id, principal, principal.name, 'claimed', (task) => {
      this.authz.assertTask(principal, task, 'claim');
      if (task.assignee !== null && task.assignee !== principal.name) {
        throw conflict(`The step is already claimed by ${task.assignee}.`, { code: 'task-claimed' });
      }
    });
  }

  /** Gives a claimed step back to the unit (its assignee, or a leader). */
  async unclaim(id: string, principal: Principal): Promise<TaskDto> {
    return this.setAssignee(id, principal, null, 'unclaimed', (task) => {
      if (task.assignee === principal.name) return this.authz.assertTask(principal, task, 'read');
      this.authz.assertCanAssign(principal, task);
    });
  }

  /** A leader of the unit assigns the step to one of the unit's people (or, with null, to nobody). */
  async assign(id: string, username: string | null, principal: Principal): Promise<TaskDto> {
    const target = username?.trim().toLowerCase() ?? null;
    return this.setAssignee(id, principal, target, 'assigned', async (task, sql) => {
      this.authz.assertCanAssign(principal, task);
      if (target === null) return;
      const member = await this.tasks.member(sql, target);
      if (member === undefined || !member.active || member.unit_code !== task.unit) {
        throw unprocessable(
          `${target} is not an active member of unit ${task.unit}.`,
          [{ path: 'username', message: 'not an active member of the unit' }],
          { code: 'assignee-not-in-unit' },
        );
      }
    });
  }

  /**
   * Writes the assignee and bumps the dossier's revision in one statement, so that a completion prepared
   * from an older read (another process's, or this one's cache) fails its revision guard and re-checks.
   */
  private async setAssignee(
    id: string,
    principal: Principal,
    assignee: string | null,
    event: 'claimed' | 'unclaimed' | 'assigned',
    check: (task: TaskRow, sql: Sql) => void | Promise<void>,
  ): Promise<TaskDto> {
    const actor = actorOf(principal);
    const key = pendingKey(actor);
    const answer = await this.db.transaction(async (sql) => {
      // The Idempotency-Key first: a retry waits here for the first request and gets its answer.
      if (key) await takeKeyIn(sql, key);
      const { task } = await this.loadWithDossier(sql, id, 'user', true);
      await check(task, sql);
      if (task.status !== 'active') {
        throw conflict(`Task ${id} is ${task.status}; only an active task can be assigned.`, {
          code: 'task-not-active',
        });
      }
      await this.tasks.setAssignee(sql, id, assignee, this.runtime.now(), event);
      const dto = toDto({ ...task, assignee });
      await writeAuditIn(sql, actor);
      if (key) await recordKeyIn(sql, key, { status: key.status, body: dto });
      return dto;
    });
    if (key) key.recorded = true;
    return answer;
  }

  /** Completes a user task (its form checked) or an external task, and moves the dossier on. */
  async complete(
    id: string,
    rawVariables: unknown,
    principal: Principal,
    kind: TaskKind,
    workerId?: string,
  ): Promise<TaskCompletionDto> {
    const variables = parseVariables(rawVariables);
    return this.command(id, kind, principal, workerId, (task) => {
      if (kind === 'user') {
        const errors = validateFormVariables(task.form, variables);
        if (errors.length > 0) {
          throw unprocessable(
            `The form of step "${task.name ?? task.node_id}" is not filled in correctly.`,
            errors,
            { code: 'form-invalid' },
          );
        }
      }
      return { type: 'completeTask', taskId: id, variables };
    });
  }

  /**
   * The step's officer asks the applicant for what is missing (yêu cầu bổ sung): recorded in the
   * dossier's history and deadline events and audited, in the request's one statement (exactly once
   * with an Idempotency-Key); the dossier's clock, and its open steps', wait for the supplement.
   *
   * What is enforced of "hướng dẫn một lần" (Decree 61/2018): a dossier has at most one open request —
   * a second one is refused (409 `supplement-pending`) until the first is answered
   * (POST /dossiers/{id}/supplement-received); the request lists every missing paper at once; and it
   * is asked within SUPPLEMENT_REQUEST_DAYS (3) working days of receipt, or of the arrival of the last
   * supplement asked (422 `supplement-too-late`).
   */
  async requestSupplement(
    id: string,
    input: { items: string[]; reason?: string },
    principal: Principal,
  ): Promise<TaskDto> {
    const actor = actorOf(principal);
    const items = input.items.map((i) => i.trim()).filter((i) => i.length > 0);
    if (items.length === 0) {
      throw unprocessable('List at least one missing paper or piece of information.', [
        { path: 'items', message: 'at least one item' },
      ]);
    }
    let task: TaskRow | undefined;
    return this.runtime.updateDeadlines(
      async (sql) => {
        const loaded = await this.loadWithDossier(sql, id, 'user');
        this.authz.assertTask(principal, loaded.task, 'complete');
        assertActive(loaded.task, 'ask for a supplement');
        task = loaded.task;
        return loaded.dossier;
      },
      (row, ctx) => {
        const open = row.deadlines?.supplement;
        if (open && open.receivedAt === null) {
          throw conflict(
            `Dossier ${row.code} is already waiting for the supplement asked on ${open.requestedAt}: the applicant is asked once, with everything missing.`,
            { code: 'supplement-pending' },
          );
        }
        const step = task as TaskRow;
        const receivedAt = supplementCountedFrom(step.dossier_received_at as Date, open?.receivedAt);
        assertSupplementInTime(
          ctx.calendar,
          { code: row.code, receivedAt },
          ctx.now,
          this.config.dossiers.supplementRequestDays,
        );
        const request: SupplementDto = {
          requestedAt: ctx.now.toISOString(),
          requestedBy: actor.id,
          taskId: step.id,
          nodeId: step.node_id,
          items,
          reason: input.reason?.trim() || null,
          receivedAt: null,
          receivedBy: null,
        };
        return {
          deadline: requestSupplement(row.deadlines ?? EMPTY_DEADLINES, request, ctx),
          history: [
            {
              type: 'supplement.requested',
              nodeId: step.node_id,
              taskId: step.id,
              data: { items, reason: request.reason },
            },
          ],
        };
      },
      actor,
      async (_applied, sql) => toDto((await this.loadWithDossier(sql, id, 'user')).task),
    ) as Promise<TaskDto>;
  }

  /**
   * A leader of the step's unit sends the dossier back to an earlier user task it already passed
   * (the interpreter's `sendBack`: the step is cancelled, the target opens again with a new allotted
   * time), with the reason in the history; audited, in one statement with the revision check.
   */
  async sendBack(
    id: string,
    input: { targetNodeId: string; reason: string },
    principal: Principal,
  ): Promise<TaskCompletionDto> {
    return this.command(
      id,
      'user',
      principal,
      undefined,
      () => ({ type: 'sendBack', taskId: id, targetNodeId: input.targetNodeId, reason: input.reason.trim() }),
      {
        check: (task) => this.authz.assertCanAssign(principal, task),
        prepare: async (sql, task, dossier) => {
          const targets = await this.targetsOf(sql, task, dossier);
          if (!targets.some((t) => t.nodeId === input.targetNodeId)) {
            throw unprocessable(
              `Step "${input.targetNodeId}" is not an earlier step of dossier ${dossier.code} that it can be sent back to${targets.length === 0 ? ' (none can)' : `: choose one of ${targets.map((t) => t.nodeId).join(', ')}`}.`,
              [{ path: 'targetNodeId', message: 'not an earlier step of the dossier' }],
              { code: 'send-back-target-invalid' },
            );
          }
        },
      },
    );
  }

  /** The earlier steps a leader may send the dossier back to from this step (see `sendBack`). */
  async sendBackTargets(id: string, principal: Principal): Promise<SendBackTargetDto[]> {
    const { task, dossier } = await this.loadWithDossier(this.db.query, id, 'user');
    this.authz.assertCanAssign(principal, task);
    if (task.status !== 'active') return [];
    return this.targetsOf(this.db.query, task, dossier);
  }

  /** Earlier user tasks the dossier completed that the interpreter allows as targets, earliest first. */
  private async targetsOf(sql: Sql, task: TaskRow, dossier: DossierRow): Promise<SendBackTargetDto[]> {
    const definition = await this.cache.get(sql, dossier.definition_id);
    const allowed = new Set(sendBackTargets(definition.graph, dossier.state, task.id));
    const passed = await this.tasks.completedUserSteps(sql, dossier.id);
    return passed
      .filter((s) => allowed.has(s.node_id))
      .map((s) => ({
        nodeId: s.node_id,
        name: s.name,
        unit: s.unit,
        completedAt: iso(s.completed_at) as string,
        completedBy: s.completed_by,
      }));
  }

  /**
   * The leader's page: open user tasks of the unit overdue and due soon at the engine's instant
   * (computed from their due instants, not only the sweep's marks), and the on-time rate of the
   * unit's steps completed this calendar month in Vietnam time that had an allotted time:
   * (early + on time) / completed, from the outcome each step got when it ended.
   */
  async unitSummary(unit: string, principal: Principal): Promise<UnitSummaryDto> {
    if (unit !== principal.unit) throw notFound('Unit', unit);
    if (!hasRole(principal, 'leader')) {
      throw forbidden("Only a leader of the unit sees the unit's summary.", 'ROLE_REQUIRED');
    }
    const now = this.runtime.now();
    const { month, from, to } = vietnamMonth(now);
    const [counts, overdue, dueSoon, outcomes] = await Promise.all([
      this.tasks.deadlineCounts(unit, now),
      this.tasks.dueSteps(unit, now, 'overdue', SUMMARY_LIST_LIMIT),
      this.tasks.dueSteps(unit, now, 'due_soon', SUMMARY_LIST_LIMIT),
      this.tasks.outcomes(unit, from, to),
    ]);
    const finished = outcomes.early + outcomes.on_time + outcomes.late;
    return {
      unit,
      at: now.toISOString(),
      open: counts.open,
      overdue: counts.overdue,
      dueSoon: counts.due_soon,
      onTimeRate: {
        month,
        finished,
        early: outcomes.early,
        onTime: outcomes.on_time,
        late: outcomes.late,
        rate: finished === 0 ? null : (outcomes.early + outcomes.on_time) / finished,
      },
      overdueSteps: overdue.map(toListItem),
      dueSoonSteps: dueSoon.map(toListItem),
    };
  }

  /** Reports a business error of an external task; an error boundary event of the step must catch it. */
  async bpmnError(
    id: string,
    input: { errorCode: string; errorMessage?: string; variables?: unknown; workerId?: string },
    principal: Principal,
  ): Promise<TaskCompletionDto> {
    const variables = parseVariables(input.variables);
    return this.command(id, 'external', principal, input.workerId, () => ({
      type: 'throwError',
      taskId: id,
      errorCode: input.errorCode,
      errorMessage: input.errorMessage,
      variables,
    }));
  }

  private async command(
    id: string,
    kind: TaskKind,
    principal: Principal,
    workerId: string | undefined,
    toCommand: (task: TaskRow) => Command,
    rules: {
      /** Who may: by default whoever may complete the step. */
      check?: (task: TaskRow) => void;
      /** Checks that read more than the step (on every attempt, with the step and its dossier). */
      prepare?: (sql: Sql, task: TaskRow, dossier: DossierRow) => Promise<void>;
    } = {},
  ): Promise<TaskCompletionDto> {
    const check = rules.check ?? ((t: TaskRow) => this.authz.assertTask(principal, t, 'complete'));
    const actor: Actor = actorOf(principal);
    let task: TaskRow | undefined;
    let replay: { task: TaskRow; dossier: DossierRow } | null = null;
    const answer: TaskCompletionDto | null = await this.runtime
      .execute(
        async (sql, attempt) => {
          // External tasks are read from the database: their lock lives outside the dossier's revision.
          const cached = attempt === 1 && kind === 'user' ? this.fromCache(id, kind) : null;
          let loaded = cached ?? (await this.loadWithDossier(sql, id, kind));
          // Checked on every attempt: a retry reads the step again (e.g. claimed meanwhile by someone else).
          // A refusal is never decided on the cache (it may be stale, e.g. after a merger of units): read again.
          try {
            check(loaded.task);
          } catch (error) {
            if (cached === null) throw error;
            loaded = await this.loadWithDossier(sql, id, kind);
            check(loaded.task);
          }
          if (loaded.task.status !== 'active') {
            // The same agency system (and worker) reporting again a step it completed gets its first answer back.
            const same =
              kind === 'external' &&
              loaded.task.status === 'completed' &&
              loaded.task.completed_by === actor.id &&
              (workerId === undefined ||
                loaded.task.worker_id === null ||
                loaded.task.worker_id === workerId);
            if (same) {
              replay = loaded;
              throw REPLAY;
            }
            throw conflict(`Task ${id} is ${loaded.task.status}; only an active task can be completed.`, {
              code: 'task-not-active',
            });
          }
          // Locks are wall-clock time (like worker timeouts), never the engine's settable test clock.
          assertLockHolder(loaded.task, workerId, this.clock.machineNow());
          if (rules.prepare) await rules.prepare(sql, loaded.task, loaded.dossier);
          task = loaded.task;
          return loaded.dossier;
        },
        () => toCommand(task as TaskRow),
        actor,
        async ({ row, at, result, deadline }) => {
          const ended = result.effects.find((e) => e.type === 'taskEnded' && e.taskId === id);
          const done = task as TaskRow;
          return {
            ...toDto({
              ...done,
              status: ended?.type === 'taskEnded' ? ended.outcome : done.status,
              completed_at: ended ? at : null,
              result: ended?.type === 'taskEnded' ? (ended.variables ?? null) : null,
              completed_by: ended?.type === 'taskEnded' && ended.outcome === 'completed' ? actor.id : null,
              ...taskDeadlineRow(deadline?.tasks.get(id), done),
            }),
            dossier: await this.whereItStands(row),
          };
        },
      )
      .catch((error: unknown) => {
        if (error === REPLAY) return null;
        throw error;
      });
    return answer ?? this.replayed(replay!);
  }

  /** The answer to a repeated completion: the step as it was completed, and where its dossier stands now. */
  private async replayed(loaded: { task: TaskRow; dossier: DossierRow }): Promise<TaskCompletionDto> {
    return { ...toDto(loaded.task), dossier: await this.whereItStands(loaded.dossier) };
  }

  /** Where a dossier stands, as a completion answers it: status, revision, active steps, result. */
  private async whereItStands(dossier: DossierRow): Promise<TaskCompletionDto['dossier']> {
    const definition = await this.cache.get(this.db.query, dossier.definition_id);
    return {
      id: dossier.id,
      code: dossier.code,
      status: dossier.status,
      revision: dossier.revision,
      activeSteps: activeSteps(definition.graph, dossier.state),
      result: dossier.state.result ?? null,
    };
  }

  /** The task and its dossier as this process last wrote them (the write's revision guard catches staleness). */
  private fromCache(id: string, kind: TaskKind): { task: TaskRow; dossier: DossierRow } | null {
    const snapshot = this.hot.task(id);
    const dossier = snapshot ? this.hot.dossier(snapshot.dossier_id) : undefined;
    if (!snapshot || !dossier || snapshot.kind !== kind || snapshot.revision !== dossier.revision)
      return null;
    return { task: snapshot as unknown as TaskRow, dossier };
  }

  /** One query for a task and its dossier (the command's optimistic-lock revision included). */
  private async loadWithDossier(
    sql: Sql,
    id: string,
    kind?: TaskKind,
    forUpdate = false,
  ): Promise<{ task: TaskRow; dossier: DossierRow }> {
    const row = isUuid(id) ? await this.tasks.findWithDossier(sql, id, forUpdate) : undefined;
    if (!row || (kind && row.kind !== kind))
      throw notFound(kind === 'external' ? 'External task' : 'Task', id);
    const { dossier, ...task } = row;
    return { task, dossier };
  }
}

const REPLAY = Symbol('replay');

/** The most steps of each list the leader's summary returns (its counts are complete). */
const SUMMARY_LIST_LIMIT = 100;

/** The calendar month of `now` in Vietnam time (`YYYY-MM`) and its bounds as instants. */
export function vietnamMonth(now: Date): { month: string; from: Date; to: Date } {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  const year = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return {
    month: `${year}-${String(m + 1).padStart(2, '0')}`,
    from: new Date(Date.UTC(year, m, 1) - VIETNAM_OFFSET_MS),
    to: new Date(Date.UTC(year, m + 1, 1) - VIETNAM_OFFSET_MS),
  };
}

function assertActive(task: TaskRow, action: string): void {
  if (task.status !== 'active') {
    throw conflict(`Task ${task.id} is ${task.status}; only an active task can ${action}.`, {
      code: 'task-not-active',
    });
  }
}

function toListItem(row: TaskListRow): TaskListItemDto {
  return { ...toDto(row), definitionKey: row.definition_key, procedureName: row.procedure_name };
}

/** Only the worker holding an unexpired lock may report on an external task (an unlocked one is free). */
export function assertLockHolder(
  task: Pick<TaskRow, 'kind' | 'worker_id' | 'lock_expires_at'>,
  workerId: string | undefined,
  now: Date,
): void {
  if (task.kind !== 'external' || task.worker_id === null || task.lock_expires_at === null) return;
  if (new Date(task.lock_expires_at).getTime() <= now.getTime()) return;
  if (workerId !== task.worker_id) {
    throw conflict(
      `The task is locked by worker ${task.worker_id} until ${iso(task.lock_expires_at)}${workerId === undefined ? ': give your workerId' : ''}.`,
      { code: 'task-locked' },
    );
  }
}

function toDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    dossierCode: row.dossier_code,
    nodeId: row.node_id,
    name: row.name,
    kind: row.kind,
    status: row.status,
    unit: row.unit,
    candidateRole: row.candidate_role,
    allottedTime: row.allotted_time,
    topic: row.topic,
    form: row.form,
    loop:
      row.loop_index === null || row.loop_total === null
        ? null
        : { index: row.loop_index, total: row.loop_total },
    localVariables: row.local_variables,
    createdAt: iso(row.created_at) as string,
    completedAt: iso(row.completed_at),
    result: row.result,
    completedBy: row.completed_by,
    assignee: row.assignee ?? null,
    workerId: row.worker_id ?? null,
    lockExpiresAt: iso(row.lock_expires_at ?? null),
    retries: row.retries ?? null,
    errorMessage: row.error_message ?? null,
    incidentAt: iso(row.incident_at ?? null),
    workedMinutes: row.worked_minutes,
    dueAt: iso(row.due_at),
    clock: row.clock,
    deadlineStatus: row.deadline_status,
    outcome: row.outcome,
    dossierHolds: row.status === 'active' ? clockHolds(row.dossier_paused_by) : [],
    supplement:
      row.dossier_supplement && row.dossier_supplement.receivedAt === null ? row.dossier_supplement : null,
  };
}

/** The deadline columns of a task after a command, from what the command computed. */
function taskDeadlineRow(
  d: TaskDeadline | undefined,
  before: TaskRow,
): Pick<TaskRow, 'worked_minutes' | 'due_at' | 'clock' | 'deadline_status' | 'outcome'> {
  if (!d) {
    // Only the deadline columns: the row's status and completion must not be overwritten.
    return {
      worked_minutes: before.worked_minutes,
      due_at: before.due_at,
      clock: before.clock,
      deadline_status: before.deadline_status,
      outcome: before.outcome,
    };
  }
  return {
    worked_minutes: d.workedMinutes,
    due_at: d.dueAt ?? before.due_at,
    clock: d.clock,
    deadline_status: d.deadlineStatus,
    outcome: d.outcome,
  };
}
