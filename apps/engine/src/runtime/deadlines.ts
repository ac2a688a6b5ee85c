import {
  classifyOutcome,
  deadlineStatus,
  parseWorkingDuration,
  pauseClock,
  recomputeClock,
  recomputeClockIfMoved,
  restartClock,
  resumeClock,
  startClock,
  usedMinutes,
  type CutoffRule,
  type DeadlineClock,
  type DeadlineOutcome,
  type DeadlineStatus,
  type WorkingCalendar,
} from '@lienthong/calendar';
import type { ClockHold, SupplementDto } from '@lienthong/contracts';
import type { Effect } from '@lienthong/engine-core';

/** The legal clocks of one dossier: its own and those of its open steps. Stored as jsonb. */
export interface DeadlineState {
  dossier: DeadlineClock | null;
  tasks: Record<string, DeadlineClock>;
  /** What holds the clock paused: tokens of `lt:clock="pause"` steps, or `manual` (an officer's pause). */
  pausedBy: string[];
  /**
   * Steps that are themselves the pausing period (e.g. the tax office determining the obligation):
   * their own allotted time keeps running while the dossier's clock is paused.
   */
  exempt?: string[];
  /** The last supplement request (hướng dẫn bổ sung), open while `receivedAt` is null. */
  supplement?: SupplementDto | null;
}

export const EMPTY_DEADLINES: DeadlineState = { dossier: null, tasks: {}, pausedBy: [] };

export type DeadlineEventKind =
  'paused' | 'resumed' | 'restarted' | 'extended' | 'recomputed' | 'due_soon' | 'overdue';

export interface DeadlineEvent {
  kind: DeadlineEventKind;
  taskId?: string | null;
  reason?: string | null;
  workingMinutes?: number | null;
  previousDueAt?: string | null;
  newDueAt?: string | null;
  data?: Record<string, unknown> | null;
}

/** The columns of a task row that mirror its clock. */
export interface TaskDeadline {
  clock: 'none' | 'running' | 'paused';
  dueAt: string | null;
  dueSoonAt: string | null;
  deadlineStatus: DeadlineStatus;
  outcome: DeadlineOutcome | null;
  workedMinutes: number | null;
}

/** The columns of the dossier row that mirror its clock. */
export interface DossierDeadline {
  clock: 'none' | 'running' | 'paused';
  dueAt: string | null;
  dueSoonAt: string | null;
  deadlineStatus: DeadlineStatus;
  outcome: DeadlineOutcome | null;
}

export interface DeadlineContext {
  calendar: WorkingCalendar;
  now: Date;
  /** For a new dossier: the procedure's legal time limit and cut-off rule. */
  legalTimeLimit?: string;
  cutoff?: CutoffRule;
  /** The dossier got an extension (an apology with a new date): it counts as late whatever happens. */
  extended?: boolean;
}

export interface DeadlineUpdate {
  state: DeadlineState;
  dossier: DossierDeadline;
  /** Mirrors of every task whose clock changed (created, paused, resumed, ended). */
  tasks: Map<string, TaskDeadline>;
  events: DeadlineEvent[];
}

export function mirror(
  clock: DeadlineClock | null,
  now: Date,
): Omit<TaskDeadline, 'outcome' | 'workedMinutes'> {
  if (!clock) return { clock: 'none', dueAt: null, dueSoonAt: null, deadlineStatus: 'on_track' };
  const paused = clock.base === null;
  return {
    clock: paused ? 'paused' : 'running',
    dueAt: paused ? null : clock.dueAt,
    dueSoonAt: paused ? null : clock.dueSoonAt,
    deadlineStatus: deadlineStatus(clock, now),
  };
}

/**
 * Applies a step's effects to the legal clocks: a step with an allotted time starts its clock
 * (paused if the dossier is paused), an ended step gets its outcome, `lt:clock` effects pause,
 * resume or restart the dossier's clock (and pause or resume its open steps' clocks with it), and
 * the end of the dossier classifies it. Pure: the calendar and the instant are given.
 */
export function applyDeadlineEffects(
  before: DeadlineState,
  effects: Effect[],
  ctx: DeadlineContext,
  isNew: boolean,
): DeadlineUpdate {
  const { calendar, now } = ctx;
  const state: DeadlineState = {
    dossier: before.dossier ?? null,
    tasks: { ...before.tasks },
    pausedBy: [...(before.pausedBy ?? [])],
    exempt: [...(before.exempt ?? [])],
  };
  const exempt = (id: string) => state.exempt?.includes(id) ?? false;
  const tasks = new Map<string, TaskDeadline>();
  const events: DeadlineEvent[] = [];
  let outcome: DeadlineOutcome | null = null;

  if (isNew && ctx.legalTimeLimit) {
    state.dossier = startClock(
      calendar,
      now,
      parseWorkingDuration(ctx.legalTimeLimit),
      calendar.countingStart(now, ctx.cutoff ?? calendar.cutoff),
    );
  }
  const pauseAll = () => {
    if (state.dossier) state.dossier = pauseClock(calendar, state.dossier, now);
    for (const [id, c] of Object.entries(state.tasks)) {
      if (exempt(id)) continue;
      state.tasks[id] = pauseClock(calendar, c, now);
      tasks.set(id, { ...mirror(state.tasks[id] ?? null, now), outcome: null, workedMinutes: null });
    }
  };
  const resumeAll = () => {
    if (state.dossier) state.dossier = resumeClock(calendar, state.dossier, now);
    for (const [id, c] of Object.entries(state.tasks)) {
      if (exempt(id)) continue;
      state.tasks[id] = resumeClock(calendar, c, now);
      tasks.set(id, { ...mirror(state.tasks[id] ?? null, now), outcome: null, workedMinutes: null });
    }
  };

  // Pause holders change with the step's clock effects; the clocks themselves pause or resume once,
  // from the state before the step to the state after it (a step that ends one pausing step and
  // starts another keeps the clock paused, with no resume in between).
  const initiallyPaused = state.pausedBy.length > 0;
  let pauseReason: string | null = null;
  let resumeReason: string | null = null;
  for (const effect of effects) {
    switch (effect.type) {
      case 'taskCreated': {
        const allotted = effect.task.allottedTime ? parseWorkingDuration(effect.task.allottedTime) : null;
        if (allotted === null) break;
        const clock = startClock(calendar, now, allotted, calendar.nextWorkingInstant(now));
        state.tasks[effect.task.taskId] = clock;
        if (state.pausedBy.includes(effect.task.tokenId)) state.exempt?.push(effect.task.taskId);
        tasks.set(effect.task.taskId, { ...mirror(clock, now), outcome: null, workedMinutes: null });
        break;
      }
      case 'taskEnded': {
        const clock = state.tasks[effect.taskId];
        if (!clock) break;
        delete state.tasks[effect.taskId];
        state.exempt = state.exempt?.filter((id) => id !== effect.taskId);
        const running = clock.base === null ? resumeClock(calendar, clock, now) : clock;
        tasks.set(effect.taskId, {
          ...mirror(clock, now),
          clock: 'none',
          outcome: effect.outcome === 'completed' ? classifyOutcome(new Date(running.dueAt), now) : null,
          workedMinutes: usedMinutes(calendar, clock, now),
        });
        break;
      }
      case 'clock': {
        if (effect.action === 'pause') {
          if (!state.pausedBy.includes(effect.tokenId)) state.pausedBy.push(effect.tokenId);
          pauseReason = `step ${effect.nodeId}`;
        } else if (effect.action === 'resume') {
          state.pausedBy = state.pausedBy.filter((t) => t !== effect.tokenId);
          resumeReason = `step ${effect.nodeId}`;
        } else if (state.dossier) {
          const previous = state.dossier;
          state.dossier = restartClock(calendar, previous, now);
          events.push({
            kind: 'restarted',
            reason: `step ${effect.nodeId}`,
            workingMinutes: usedMinutes(calendar, previous, now),
            previousDueAt: previous.dueAt,
            newDueAt: state.dossier.dueAt,
            data: { nodeId: effect.nodeId },
          });
        }
        break;
      }
      case 'instanceEnded': {
        const clock = state.dossier;
        if (effect.status === 'completed' && clock) {
          const running = clock.base === null ? resumeClock(calendar, clock, now) : clock;
          outcome = ctx.extended ? 'late' : classifyOutcome(new Date(running.dueAt), now);
        }
        for (const [id, c] of Object.entries(state.tasks)) {
          tasks.set(id, {
            ...mirror(c, now),
            clock: 'none',
            outcome: null,
            workedMinutes: usedMinutes(calendar, c, now),
          });
        }
        state.tasks = {};
        state.pausedBy = [];
        state.exempt = [];
        break;
      }
      default:
        break;
    }
  }
  const ended = effects.some((e) => e.type === 'instanceEnded');
  const finallyPaused = state.pausedBy.length > 0;
  if (!ended && finallyPaused) {
    // Pausing is idempotent: clocks already paused stay as they are; new ones and a restarted one pause now.
    pauseAll();
    if (!initiallyPaused) events.push({ kind: 'paused', reason: pauseReason, data: null });
  } else if (!ended && initiallyPaused) {
    const pausedAt = state.dossier?.pausedAt ?? null;
    resumeAll();
    events.push({
      kind: 'resumed',
      reason: resumeReason,
      workingMinutes: pausedAt
        ? Math.round(Math.max(0, calendar.workingMinutesBetween(new Date(pausedAt), now)))
        : null,
      newDueAt: state.dossier?.dueAt ?? null,
      data: null,
    });
  }
  const dossierMirror = mirror(state.dossier, now);
  return {
    state,
    dossier: ended ? { ...dossierMirror, clock: 'none', outcome } : { ...dossierMirror, outcome: null },
    tasks,
    events,
  };
}

/** After a change of the official calendar: the due instants of every running clock again. */
export function recomputeDeadlines(before: DeadlineState, calendar: WorkingCalendar): DeadlineState {
  const tasks: Record<string, DeadlineClock> = {};
  for (const [id, c] of Object.entries(before.tasks)) tasks[id] = recomputeClock(calendar, c);
  return { ...before, dossier: before.dossier ? recomputeClock(calendar, before.dossier) : null, tasks };
}

/** Which clocks of a dossier a calendar change moved (see `recomputeDeadlinesInPlace`). */
export interface MovedClocks {
  /** The dossier's own due instant (or its due-soon instant) moved. */
  dossier: boolean;
  /** The steps whose due (or due-soon) instants moved. */
  tasks: string[];
}

/**
 * `recomputeDeadlines` in place, for a state read only to be recomputed (a recomputation of every open
 * dossier allocates less): when no due instant moves, returns null and leaves `state` as it is (its clocks
 * keep the calendar version they were computed with: same instants); otherwise every clock of `state` is
 * then what `recomputeDeadlines` gives, and the result says which moved.
 */
export function recomputeDeadlinesInPlace(
  state: DeadlineState,
  calendar: WorkingCalendar,
): MovedClocks | null {
  const dossier = state.dossier ? recomputeClockIfMoved(calendar, state.dossier) : null;
  let tasks: string[] | null = null;
  for (const id in state.tasks) {
    const clock = state.tasks[id]!;
    const moved = recomputeClockIfMoved(calendar, clock);
    if (moved === null) continue;
    clock.dueAt = moved.dueAt;
    clock.dueSoonAt = moved.dueSoonAt;
    (tasks ??= []).push(id);
  }
  if (dossier === null && tasks === null) return null;
  if (dossier !== null && state.dossier) {
    state.dossier.dueAt = dossier.dueAt;
    state.dossier.dueSoonAt = dossier.dueSoonAt;
  }
  const version = calendar.version;
  if (state.dossier) state.dossier.calendarVersion = version;
  for (const id in state.tasks) state.tasks[id]!.calendarVersion = version;
  return { dossier: dossier !== null, tasks: tasks ?? [] };
}

/** An officer pauses the dossier's clock (expert assessment, public posting…): no-op effects aside. */
export function manualClock(
  before: DeadlineState,
  action: 'pause' | 'resume',
  ctx: DeadlineContext,
): DeadlineUpdate {
  return applyDeadlineEffects(
    before,
    [{ type: 'clock', action, nodeId: 'manual', tokenId: MANUAL_HOLDER }],
    ctx,
    false,
  );
}

export const MANUAL_HOLDER = 'manual';

/** The pause holder of a supplement request (see `requestSupplement`). */
export const SUPPLEMENT_HOLDER = 'supplement';

/**
 * A step asks the applicant to supplement the dossier: the dossier's clock (and its open steps') waits,
 * held by `supplement`, until the complete dossier arrives (`receiveSupplement`). The request is kept in
 * the state; the pause event carries what is missing.
 */
export function requestSupplement(
  before: DeadlineState,
  request: SupplementDto,
  ctx: DeadlineContext,
): DeadlineUpdate {
  const update = applyDeadlineEffects(
    before,
    [{ type: 'clock', action: 'pause', nodeId: SUPPLEMENT_HOLDER, tokenId: SUPPLEMENT_HOLDER }],
    ctx,
    false,
  );
  update.state.supplement = request;
  const data = { hold: SUPPLEMENT_HOLDER, items: request.items, nodeId: request.nodeId };
  // Already paused (by an officer or a step): the request is still an event of the dossier's clock.
  if (update.events.length === 0) update.events.push({ kind: 'paused', reason: null, data: null });
  for (const e of update.events) {
    e.taskId = request.taskId;
    e.reason = request.reason ?? `Yêu cầu bổ sung: ${request.items.join('; ')}`;
    e.data = data;
  }
  return update;
}

/**
 * The complete dossier arrived: the supplement's hold ends and the legal time limit restarts from zero
 * at this instant (Decree 61/2018 art. 19.4), due instants on the working-day calendar; open steps'
 * clocks resume with the time they had left. Another holder (an officer's pause) keeps the clocks paused.
 */
export function receiveSupplement(
  before: DeadlineState,
  received: { at: string; by: string; note: string | null },
  ctx: DeadlineContext,
): DeadlineUpdate {
  const effects: Effect[] = [
    { type: 'clock', action: 'resume', nodeId: SUPPLEMENT_HOLDER, tokenId: SUPPLEMENT_HOLDER },
  ];
  if (before.dossier) {
    effects.push({ type: 'clock', action: 'restart', nodeId: SUPPLEMENT_HOLDER, tokenId: SUPPLEMENT_HOLDER });
  }
  const update = applyDeadlineEffects(before, effects, ctx, false);
  update.state.supplement = before.supplement
    ? { ...before.supplement, receivedAt: received.at, receivedBy: received.by }
    : null;
  for (const e of update.events) {
    e.reason = received.note ?? 'Đã nhận đủ hồ sơ bổ sung';
    e.data = { ...e.data, hold: SUPPLEMENT_HOLDER };
  }
  return update;
}

/** What holds the clock, in words of the API: a supplement, an officer, or steps of the procedure. */
export function clockHolds(pausedBy: readonly string[] | null | undefined): ClockHold[] {
  const holds = new Set<ClockHold>();
  for (const holder of pausedBy ?? []) {
    holds.add(holder === SUPPLEMENT_HOLDER ? 'supplement' : holder === MANUAL_HOLDER ? 'manual' : 'step');
  }
  return [...holds];
}
