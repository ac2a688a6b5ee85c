import { join } from 'node:path';
import { WorkingCalendar } from '@lienthong/calendar';
import type { Command, Effect, InstanceState, StepContext } from '@lienthong/engine-core';

export const REPOSITORY_ROOT = join(__dirname, '..', '..');
export const RECORDINGS_DIR = join(__dirname, 'recordings');

/**
 * The recorded history of one dossier: every command the interpreter was given, at which instant, and
 * what it answered (new state and effects, or the refusal). `npm run replay:record` writes them;
 * replay.spec.ts re-runs them through `step` on every build and fails on any difference.
 */
export interface Recording {
  description: string;
  /** The procedure's BPMN file, from the repository root. */
  source: string;
  /** Timers in working time count on the default Vietnamese calendar (`new WorkingCalendar()`). */
  workingCalendar: boolean;
  /** Units merged into a successor (the step context's `resolveUnit`). */
  mergedUnits?: Record<string, string>;
  steps: RecordedStep[];
}

export interface RecordedStep {
  at: string;
  command: Command;
  expected: StepOutcome;
}

export type StepOutcome =
  | { state: InstanceState; effects: Effect[]; correlated?: boolean }
  | { error: { code: string; message: string } };

/**
 * The step contexts of one recording, as the recorder's Scenario builds them: ids `id1`, `id2` … counted
 * over the whole history, the recording's calendar and merged units.
 */
export function recordingContext(
  recording: Pick<Recording, 'workingCalendar' | 'mergedUnits'>,
): (at: Date) => StepContext {
  let seq = 0;
  const newId = () => `id${++seq}`;
  const calendar = recording.workingCalendar ? new WorkingCalendar() : undefined;
  const resolveUnit = unitResolver(recording.mergedUnits);
  return (at) => ({ now: at, newId, calendar, resolveUnit });
}

export function unitResolver(merged: Record<string, string> | undefined): StepContext['resolveUnit'] {
  return merged ? (code) => merged[code] ?? code : undefined;
}

/** The outcome as stored: plain JSON (what the engine keeps in jsonb), so that comparisons are exact. */
export function asRecorded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
