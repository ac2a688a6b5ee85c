import {
  addIsoDuration,
  parseIsoCycle,
  parseIsoDate,
  parseIsoDuration,
  type TimerCatchNode,
  type TimerDefinition,
} from '@lienthong/bpmn';
import { parseWorkingDuration } from '@lienthong/calendar';
import { EngineError, type Token } from '../../model';
import type { Run } from '../run';
import { clockOnExit, leave } from '../tokens';
import { fireBoundaryJob } from './boundaries';

/** An intermediate timer catch event: the token waits for its job. */
export function enterTimerCatch(run: Run, token: Token, node: TimerCatchNode): void {
  run.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
  const jobId = schedule(run, token, node.id, timerDue(run, node.timer, token), 'timer');
  token.wait = { kind: 'timer', jobId };
}

/** A due job fires its timer catch event or boundary timer; a job no waiting token owns is ignored. */
export function fireJob(run: Run, jobId: string): void {
  for (const token of Object.values(run.state.tokens)) {
    if (token.wait?.kind === 'timer' && token.wait.jobId === jobId) {
      run.history({ type: 'timer.fired', nodeId: token.nodeId, tokenId: token.id });
      token.wait = undefined;
      clockOnExit(run, token, true);
      leave(run, token);
      return;
    }
    const job = token.boundaryJobs?.find((j) => j.jobId === jobId);
    if (job) {
      fireBoundaryJob(run, token, job);
      return;
    }
  }
  // A job that no longer belongs to a waiting token (already cancelled): nothing to do.
}

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
