import {
  addIsoDuration,
  parseIsoCycle,
  parseIsoDate,
  parseIsoDuration,
  type TimerDefinition,
} from '@lienthong/bpmn';
import { parseWorkingDuration } from '@lienthong/calendar';
import { EngineError, type Token } from '../../model';
import type { Run } from '../run';

// When a timer is due and its job, shared by the timer catch events (timers.ts) and the boundary
// timers (boundaries.ts), which fire each other's jobs: here, below both, so that they form no circle.

export function schedule(
  run: Run,
  token: Token,
  nodeId: string,
  dueAt: Date,
  purpose: 'timer' | 'boundaryTimer',
): string {
  const jobId = run.ctx.newId();
  run.effects.push({
    type: 'jobScheduled',
    jobId,
    dueAt: dueAt.toISOString(),
    tokenId: token.id,
    nodeId,
    purpose,
  });
  return jobId;
}

/** The timer's text, or the value of its FEEL expression (`=expr`). */
export function timerExpression(run: Run, timer: TimerDefinition, token: Token): string {
  if (!timer.expression.startsWith('=')) return timer.expression;
  const value = run.evaluate(timer.expression.slice(1), run.context(token), token.nodeId);
  if (typeof value !== 'string')
    throw new EngineError(
      'expression-failed',
      `Timer expression of ${token.nodeId} did not give a text value.`,
    );
  return value;
}

/** When the timer is due: working time on the context's calendar, or ISO 8601 date, duration or cycle. */
export function timerDue(run: Run, timer: TimerDefinition, token: Token): Date {
  const text = timerExpression(run, timer, token);
  const ctx = run.ctx;
  if (timer.kind === 'duration' && timer.working) {
    if (!ctx.calendar)
      throw new EngineError(
        'expression-failed',
        `Timer of ${token.nodeId} counts working time but no calendar was given.`,
      );
    return ctx.calendar.addWorkingTime(ctx.now, parseWorkingDuration(text));
  }
  if (timer.kind === 'date') {
    const date = parseIsoDate(text);
    if (date) return date;
  } else {
    const duration = timer.kind === 'cycle' ? parseIsoCycle(text)?.interval : parseIsoDuration(text);
    if (duration) return addIsoDuration(ctx.now, duration);
  }
  throw new EngineError(
    'expression-failed',
    `Timer of ${token.nodeId}: "${text}" is not a valid ISO 8601 ${timer.kind}.`,
    token.nodeId,
  );
}
