import { Injectable } from '@nestjs/common';
import type { GraphNode } from '@lienthong/bpmn';
import {
  type DeadlineClock,
  parseWorkingDuration,
  pauseClock,
  reallotClock,
  startClock,
  type WorkingCalendar,
} from '@lienthong/calendar';
import type {
  MigrationDossierPlanDto,
  MigrationDossierResultDto,
  MigrationPlanDto,
  MigrationRequestDto,
  MigrationResultDto,
  MigrationStepDto,
} from '@lienthong/contracts';
import { mappingOf, migrateInstance, proposeMapping, type Token } from '@lienthong/engine-core';
import { Clock } from '../common/clock/clock';
import { conflict, notFound, unprocessable } from '../common/problem';
import { UnitDirectory } from '../identity/unit-directory.service';
import type { Actor } from '../identity/actor';
import { CalendarSource } from '../runtime/calendar-source';
import { EMPTY_DEADLINES, mirror, type DeadlineState } from '../runtime/deadlines';
import { DomainEvents } from '../runtime/domain-events';
import { HotCache } from '../runtime/hot-cache';
import {
  type DossierMove,
  type MigratingDossierRow,
  type MovedTask,
  type OpenTaskRow,
  VersionMigrationRepository,
  type VersionRow,
} from './version-migration.repository';

export const DEFAULT_LIMIT = 1000;
export const MAX_DOSSIERS = 10_000;
/** Element kinds a dossier can wait at (what a step can be mapped to). */
const WAITING_KINDS = new Set<string>([
  'userTask',
  'serviceTask',
  'receiveTask',
  'messageCatch',
  'timerCatch',
  'subProcess',
  'callActivity',
  'parallelGateway',
  'inclusiveGateway',
]);
/** Dossiers moved at the same time (each in its own statement). */
const CONCURRENCY = 4;

/** One dossier of a plan, with what executing it writes (none when it cannot move or is already moved). */
interface Prepared {
  plan: MigrationDossierPlanDto;
  move?: Omit<DossierMove, 'actor' | 'audit'>;
  /** Already on the target version (an earlier execution moved it): skipped, not failed. */
  alreadyMoved?: true;
}

const alreadyOn = (version: number) => `Hồ sơ đã ở phiên bản ${version}, không chuyển lại.`;

interface PreparedPlan {
  source: VersionRow;
  target: VersionRow;
  dto: Omit<MigrationPlanDto, 'dossiers'>;
  items: Prepared[];
}

const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();

/**
 * Moves running dossiers of one version of a procedure to another (what Camunda calls instance
 * migration): each open step to the element the mapping gives (same id by default, then same name),
 * its task row taking the target element's name, unit, allotted time and form. Deadlines: a step keeps
 * its start and the working time it has used; its due instant is recomputed on the working-day calendar
 * with the target's allotted time; the dossier's legal clock likewise with the target version's legal
 * time limit. Each dossier is written in one statement guarded by its revision; a dossier that cannot
 * move is listed with the reason and left as it was.
 */
@Injectable()
export class VersionMigrationService {
  constructor(
    private readonly store: VersionMigrationRepository,
    private readonly clock: Clock,
    private readonly calendars: CalendarSource,
    private readonly units: UnitDirectory,
    private readonly cache: HotCache,
    private readonly domainEvents: DomainEvents,
  ) {}

  async plan(request: MigrationRequestDto): Promise<MigrationPlanDto> {
    const prepared = await this.prepare(request);
    return { ...prepared.dto, dossiers: prepared.items.map((i) => i.plan) };
  }

  async execute(request: MigrationRequestDto, actor: Actor): Promise<MigrationResultDto> {
    const prepared = await this.prepare(request);
    const results: MigrationDossierResultDto[] = new Array(prepared.items.length);
    let next = 0;
    const worker = async () => {
      while (next < prepared.items.length) {
        const index = next++;
        results[index] = await this.moveOne(prepared.items[index]!, prepared, actor);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const count = (outcome: MigrationDossierResultDto['outcome']) =>
      results.filter((r) => r.outcome === outcome).length;
    return {
      definitionKey: prepared.dto.definitionKey,
      sourceVersion: prepared.source.version,
      targetVersion: prepared.target.version,
      migrated: count('migrated'),
      skipped: count('skipped'),
      failed: count('failed'),
      dossiers: results,
    };
  }

  private async moveOne(
    item: Prepared,
    prepared: PreparedPlan,
    actor: Actor,
  ): Promise<MigrationDossierResultDto> {
    const { id, code } = item.plan;
    const skipped = {
      id,
      code,
      outcome: 'skipped',
      reason: alreadyOn(prepared.target.version),
      newDueAt: null,
    } as const;
    if (item.alreadyMoved) return skipped;
    if (!item.move) {
      return { id, code, outcome: 'failed', reason: item.plan.problems.join(' '), newDueAt: null };
    }
    const record = actor.audit?.record;
    const moved = await this.store.move({
      ...item.move,
      actor: actor.id,
      audit: record
        ? {
            ...record,
            action: 'dossier.migrate',
            targetType: 'dossier',
            targetId: id,
            dossierId: id,
            status: 200,
            outcome: 'success',
            detail: `${prepared.dto.definitionKey} v${prepared.source.version} → v${prepared.target.version}`,
          }
        : null,
    });
    this.cache.forgetDossierAndTasks(
      id,
      item.move.tasks.map((t) => t.id),
    );
    if (!moved) {
      // Another execution of the same move (two publishers, a retry under a new key) may have won the race.
      const [now] = await this.store.byIds([id]);
      if (now && onTarget(now, prepared.dto.definitionKey, prepared.target)) return skipped;
      return {
        id,
        code,
        outcome: 'failed',
        reason:
          'Hồ sơ vừa được thay đổi bởi một yêu cầu khác trong lúc chuyển; hồ sơ giữ nguyên phiên bản cũ.',
        newDueAt: null,
      };
    }
    this.domainEvents.publish([{ type: 'dossier.updated', dossierId: id, code }]);
    return { id, code, outcome: 'migrated', reason: null, newDueAt: item.plan.newDueAt };
  }

  private async prepare(request: MigrationRequestDto): Promise<PreparedPlan> {
    const key = request.definitionKey;
    if (request.sourceVersion === request.targetVersion) {
      throw unprocessable('sourceVersion and targetVersion are the same version.', [
        { path: 'targetVersion', message: 'another version than sourceVersion' },
      ]);
    }
    const [source, target] = await Promise.all([
      this.store.version(key, request.sourceVersion),
      this.store.version(key, request.targetVersion),
    ]);
    if (!source) throw notFound('definition version', `${key} v${request.sourceVersion}`);
    if (!target) throw notFound('definition version', `${key} v${request.targetVersion}`);
    if (target.status !== 'published') {
      throw conflict(
        `${key} v${target.version} is ${target.status}: dossiers move only to a published version.`,
        { code: 'target-not-published' },
      );
    }
    const limit = Math.min(request.limit ?? DEFAULT_LIMIT, MAX_DOSSIERS);
    const ids = request.dossierIds ? [...new Set(request.dossierIds)] : undefined;
    const [rows, activeOnSource] = await Promise.all([
      ids ? this.store.byIds(ids) : this.store.activeOf(key, source.version, limit),
      this.store.countActive(key, source.version),
    ]);
    const tasks = new Map<string, OpenTaskRow>();
    for (const t of await this.store.openTasks(rows.map((r) => r.id))) tasks.set(t.id, t);

    const waiting = new Set<string>();
    for (const row of rows) {
      if (row.definition_key !== key || row.definition_version !== source.version) continue;
      for (const t of Object.values(row.state.tokens)) waiting.add(t.nodeId);
      for (const s of Object.values(row.state.scopes)) waiting.add(s.nodeId);
    }
    const mapping = proposeMapping(source.graph, target.graph, waiting, request.mapping ?? {});
    const lookup = mappingOf(mapping);
    const now = this.clock.now();
    const calendar = this.calendars.current();
    const found = new Map(rows.map((r) => [r.id, r]));
    const ordered = ids ?? rows.map((r) => r.id);
    const items = ordered.map((id): Prepared => {
      const row = found.get(id);
      if (!row) {
        return { plan: emptyPlan(id, '', 0, null, ['Không tìm thấy hồ sơ này.']) };
      }
      return this.prepareOne(row, request, source, target, lookup, tasks, calendar, now);
    });
    return {
      source,
      target,
      dto: {
        definitionKey: key,
        sourceVersion: source.version,
        targetVersion: target.version,
        mapping,
        unmapped: mapping.filter((m) => m.target === null).map((m) => m.source),
        activeOnSource,
        targetElements: Object.values(target.graph.nodes)
          .filter((n) => WAITING_KINDS.has(n.kind))
          .map((n) => ({ id: n.id, name: n.name ?? null, kind: n.kind })),
      },
      items,
    };
  }

  private prepareOne(
    row: MigratingDossierRow,
    request: MigrationRequestDto,
    source: VersionRow,
    target: VersionRow,
    mapping: Record<string, string>,
    tasks: Map<string, OpenTaskRow>,
    calendar: WorkingCalendar,
    now: Date,
  ): Prepared {
    const dueAt = iso(row.due_at);
    const refuse = (problem: string) => ({
      plan: emptyPlan(row.id, row.code, row.revision, dueAt, [problem]),
    });
    if (onTarget(row, request.definitionKey, target)) {
      return { ...refuse(alreadyOn(target.version)), alreadyMoved: true };
    }
    if (row.definition_key !== request.definitionKey || row.definition_version !== source.version) {
      return refuse(
        `Hồ sơ đang chạy trên ${row.definition_key} phiên bản ${row.definition_version}, không phải phiên bản ${source.version}.`,
      );
    }
    const expected = request.expectedRevisions?.[row.id];
    if (expected !== undefined && expected !== row.revision) {
      return refuse('Hồ sơ đã được xử lý tiếp sau khi xem trước; hãy xem trước lại trước khi chuyển.');
    }
    if (row.status !== 'active') return refuse('Hồ sơ đã kết thúc, không còn bước nào đang xử lý.');
    const result = migrateInstance(row.state, source.graph, target.graph, mapping, this.units.resolve);
    const before: DeadlineState = row.deadlines?.tasks ? row.deadlines : EMPTY_DEADLINES;
    const deadlines: DeadlineState = structuredClone(before);
    const movedTasks: MovedTask[] = [];
    const events: DossierMove['deadlineEvents'] = [];
    const jobs: DossierMove['jobs'] = [];
    const steps: MigrationStepDto[] = [];
    const paused = deadlines.pausedBy.length > 0;

    for (const token of Object.values(row.state.tokens) as Token[]) {
      const from = source.graph.nodes[token.nodeId];
      const targetId = mapping[token.nodeId] ?? null;
      const to = targetId === null ? undefined : target.graph.nodes[targetId];
      const taskId = token.wait?.kind === 'task' ? token.wait.taskId : null;
      const task = taskId ? tasks.get(taskId) : undefined;
      const step: MigrationStepDto = {
        taskId,
        source: token.nodeId,
        sourceName: from?.name ?? null,
        target: to?.id ?? null,
        targetName: to?.name ?? null,
        dueAt: iso(task?.due_at),
        newDueAt: null,
      };
      steps.push(step);
      if (result.problems.length > 0 || !to) continue;
      if (token.wait?.kind === 'timer' && token.nodeId !== to.id)
        jobs.push({ source: token.nodeId, target: to.id });
      if (!taskId || !task) continue;
      const move = result.moves.find((m) => m.taskId === taskId);
      const clock = reclock(deadlines.tasks[taskId], allottedOf(to), task.created_at, calendar, now, paused);
      if (clock) deadlines.tasks[taskId] = clock;
      else {
        delete deadlines.tasks[taskId];
        deadlines.exempt = deadlines.exempt?.filter((t) => t !== taskId);
      }
      const m = mirror(clock, now);
      step.newDueAt = m.dueAt;
      if (step.dueAt !== m.dueAt)
        events.push({ task_id: taskId, previous_due_at: step.dueAt, new_due_at: m.dueAt });
      movedTasks.push(taskColumns(taskId, to, move?.unit ?? null, m));
    }
    if (result.problems.length > 0) {
      return { plan: { ...emptyPlan(row.id, row.code, row.revision, dueAt, result.problems), steps } };
    }
    // The dossier's legal clock: the target version's legal time limit (kept when it names none).
    if (deadlines.dossier && target.legal_time_limit) {
      const allotted = parseWorkingDuration(target.legal_time_limit);
      if (allotted !== deadlines.dossier.allotted)
        deadlines.dossier = reallotClock(calendar, deadlines.dossier, allotted);
    }
    const dossierMirror = mirror(deadlines.dossier, now);
    const newDueAt = deadlines.dossier?.dueAt ?? null;
    if (newDueAt !== dueAt && deadlines.dossier) {
      events.push({ task_id: null, previous_due_at: dueAt, new_due_at: newDueAt });
    }
    return {
      plan: { id: row.id, code: row.code, revision: row.revision, dueAt, newDueAt, steps, problems: [] },
      move: {
        id: row.id,
        revision: row.revision,
        definitionId: target.id,
        definitionVersion: target.version,
        state: result.state,
        deadlines,
        dossierClock: {
          clock: dossierMirror.clock,
          dueAt: dossierMirror.dueAt,
          dueSoonAt: dossierMirror.dueSoonAt,
        },
        tasks: movedTasks,
        jobs,
        history: {
          fromVersion: source.version,
          toVersion: target.version,
          steps: result.moves.map((m) => ({ from: m.from, to: m.to, taskId: m.taskId ?? null })),
          dueAt,
          newDueAt,
        },
        deadlineEvents: events,
        at: now,
        calendarVersion: calendar.version,
      },
    };
  }
}

function onTarget(row: MigratingDossierRow, key: string, target: VersionRow): boolean {
  return row.definition_key === key && row.definition_version === target.version;
}

function emptyPlan(
  id: string,
  code: string,
  revision: number,
  dueAt: string | null,
  problems: string[],
): MigrationDossierPlanDto {
  return { id, code, revision, dueAt, newDueAt: null, steps: [], problems };
}

function allottedOf(node: GraphNode): number | null {
  return 'allottedTime' in node && node.allottedTime ? parseWorkingDuration(node.allottedTime) : null;
}

/**
 * A moved step's clock: the same clock with the target's allotted time; a clock started at the step's
 * start when the target allots time and the source did not (paused now if the dossier is paused); none
 * when the target allots no time.
 */
function reclock(
  clock: DeadlineClock | undefined,
  allotted: number | null,
  startedAt: Date,
  calendar: WorkingCalendar,
  now: Date,
  paused: boolean,
): DeadlineClock | null {
  if (allotted === null) return null;
  if (clock) return clock.allotted === allotted ? clock : reallotClock(calendar, clock, allotted);
  const started = startClock(
    calendar,
    new Date(startedAt),
    allotted,
    calendar.nextWorkingInstant(new Date(startedAt)),
  );
  return paused ? pauseClock(calendar, started, now) : started;
}

function taskColumns(
  id: string,
  node: GraphNode,
  unit: string | null,
  m: ReturnType<typeof mirror>,
): MovedTask {
  return {
    id,
    node_id: node.id,
    name: node.name ?? null,
    unit,
    candidate_role: 'candidateRole' in node ? (node.candidateRole ?? null) : null,
    allotted_time: 'allottedTime' in node ? (node.allottedTime ?? null) : null,
    form: node.kind === 'userTask' ? node.form : [],
    topic: node.kind === 'serviceTask' ? node.topic : null,
    retries: node.kind === 'serviceTask' ? node.retries : null,
    clock: m.clock,
    due_at: m.dueAt,
    due_soon_at: m.dueSoonAt,
  };
}
