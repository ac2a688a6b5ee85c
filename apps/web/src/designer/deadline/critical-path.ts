import { MINUTES_PER_WORKING_DAY, parseWorkingDuration } from '@lienthong/calendar';
import { STEP_TYPES } from '../properties/lt-data';

/** The moddle elements the computation reads (bpmn-moddle business objects). */
export interface FlowElementLike {
  $type: string;
  id: string;
  name?: string;
  allottedTime?: string;
  clock?: string;
  attachedToRef?: { id: string };
  sourceRef?: { id: string };
  targetRef?: { id: string };
  flowElements?: FlowElementLike[];
}

/** Elements that are steps: they take working time and should say how much (lt:allottedTime). */
const STEPS: ReadonlySet<string> = new Set(STEP_TYPES);

export interface StepTime {
  id: string;
  name: string;
  /** Working minutes allotted; null when the step states none (or an unreadable one). */
  minutes: number | null;
  /** The written value, e.g. `0.5d`. */
  allottedTime: string | null;
  /** `pause`: the step does not count against the legal time limit (e.g. waiting for the payment). */
  paused: boolean;
  /**
   * `restart`: the legal time limit starts again from zero when the step ends (waiting for the
   * applicant's supplement), so the time spent in it is nobody's to allot: it counts 0, never flagged.
   */
  restarts: boolean;
}

export interface CriticalPath {
  /** Element ids on the longest path from a start event, in order. */
  path: string[];
  /** Working days of the longest path (steps without an allotted time count 0). */
  days: number;
  steps: StepTime[];
  /** Steps without an allotted time (ids), flagged in the view; paused and restarting steps need none. */
  missing: string[];
}

/**
 * The longest path, in working days, through the process from its start events: sequential steps add up;
 * of parallel branches and of the alternatives of a gateway, the longest counts (the worst case the legal
 * time limit must cover). Flows back to an element already on the path (loops: a dossier sent back for
 * more papers) are ignored. Steps whose clock pauses count 0; a boundary event continues from its host.
 */
export function criticalPath(process: { flowElements?: FlowElementLike[] }): CriticalPath {
  const elements = process.flowElements ?? [];
  const steps = elements.filter((e) => STEPS.has(e.$type)).map(stepTime);
  const cost = new Map(steps.map((s) => [s.id, s.paused || s.restarts ? 0 : (s.minutes ?? 0)]));
  const next = new Map<string, string[]>();
  const link = (from: string, to: string) => next.set(from, [...(next.get(from) ?? []), to]);
  for (const e of elements) {
    if (e.$type === 'bpmn:SequenceFlow' && e.sourceRef && e.targetRef) link(e.sourceRef.id, e.targetRef.id);
    if (e.$type === 'bpmn:BoundaryEvent' && e.attachedToRef) link(e.attachedToRef.id, e.id);
  }
  const starts = elements.filter((e) => e.$type === 'bpmn:StartEvent').map((e) => e.id);

  // Longest path from each element to an end, by depth-first search; an edge to an element on the
  // current search path closes a loop and is skipped.
  const best = new Map<string, { minutes: number; path: string[] }>();
  const onPath = new Set<string>();
  const longest = (id: string): { minutes: number; path: string[] } => {
    const known = best.get(id);
    if (known) return known;
    onPath.add(id);
    let tail = { minutes: 0, path: [] as string[] };
    for (const to of next.get(id) ?? []) {
      if (onPath.has(to)) continue;
      const candidate = longest(to);
      if (
        candidate.minutes > tail.minutes ||
        (candidate.minutes === tail.minutes && candidate.path.length > tail.path.length)
      )
        tail = candidate;
    }
    onPath.delete(id);
    const result = { minutes: (cost.get(id) ?? 0) + tail.minutes, path: [id, ...tail.path] };
    best.set(id, result);
    return result;
  };
  let winner = { minutes: 0, path: [] as string[] };
  for (const start of starts) {
    const candidate = longest(start);
    if (candidate.minutes > winner.minutes || winner.path.length === 0) winner = candidate;
  }
  return {
    path: winner.path,
    days: winner.minutes / MINUTES_PER_WORKING_DAY,
    steps,
    missing: steps.filter(isMissing).map((s) => s.id),
  };
}

function stepTime(e: FlowElementLike): StepTime {
  const written = e.allottedTime?.trim() ? e.allottedTime.trim() : null;
  let minutes: number | null = null;
  if (written !== null) {
    try {
      minutes = parseWorkingDuration(written);
    } catch {
      minutes = null;
    }
  }
  return {
    id: e.id,
    name: e.name ?? e.id,
    minutes,
    allottedTime: written,
    paused: e.clock === 'pause',
    restarts: e.clock === 'restart',
  };
}

/** A step that should state its allotted time and does not (or not readably). */
export function isMissing(step: StepTime): boolean {
  return step.minutes === null && !step.paused && !step.restarts;
}

/** The legal time limit (`lt:legalTimeLimit`, e.g. `12d`) in working days, or null. */
export function legalDays(legalTimeLimit: string | undefined): number | null {
  if (!legalTimeLimit?.trim()) return null;
  try {
    return parseWorkingDuration(legalTimeLimit) / MINUTES_PER_WORKING_DAY;
  } catch {
    return null;
  }
}

/** "11,5" — working days as a Vietnamese officer writes them (decimal comma, at most 2 decimals). */
export function formatDays(days: number): string {
  return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(days);
}

/** "đường dài nhất 11,5 / 12 ngày làm việc" (or without the limit when the process states none). */
export function criticalPathSummary(days: number, limit: number | null): string {
  return limit === null
    ? `đường dài nhất ${formatDays(days)} ngày làm việc (chưa có thời hạn giải quyết)`
    : `đường dài nhất ${formatDays(days)} / ${formatDays(limit)} ngày làm việc`;
}
