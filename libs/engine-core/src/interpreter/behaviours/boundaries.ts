import { addIsoDuration, parseIsoCycle, type BoundaryEventNode } from '@lienthong/bpmn';
import { ROOT_SCOPE, type BoundaryJob, type Token } from '../../model';
import type { Run } from '../run';
import { interrupt } from '../tokens';
import { schedule, timerDue, timerExpression } from './timer-due';

/** The boundary events attached to the activity a token is in (none for the inner tokens of a multi-instance). */
export function boundariesOf(run: Run, token: Token): BoundaryEventNode[] {
  if (token.loop) return [];
  return (run.graph.boundaries[token.nodeId] ?? []).map((id) => run.graph.nodes[id] as BoundaryEventNode);
}

/** An activity starts: its timer boundary events are scheduled. */
export function attachBoundaries(run: Run, token: Token): void {
  for (const b of boundariesOf(run, token)) {
    if (b.trigger.kind !== 'timer') continue;
    const timer = b.trigger.timer;
    const cycle = timer.kind === 'cycle' ? parseIsoCycle(timerExpression(run, timer, token)) : null;
    const jobId = schedule(run, token, b.id, timerDue(run, timer, token), 'boundaryTimer');
    (token.boundaryJobs ??= []).push({ jobId, boundaryId: b.id, remaining: cycle ? cycle.repetitions : 0 });
  }
}

/** A boundary timer of the activity `token` is in fired; a cycle timer schedules its next repetition. */
export function fireBoundaryJob(run: Run, token: Token, job: BoundaryJob): void {
  const boundary = run.graph.nodes[job.boundaryId] as BoundaryEventNode;
  run.history({ type: 'timer.fired', nodeId: boundary.id, tokenId: token.id });
  token.boundaryJobs = token.boundaryJobs?.filter((j) => j.jobId !== job.jobId);
  if (!boundary.cancelActivity && job.remaining !== 0 && boundary.trigger.kind === 'timer') {
    // A cycle timer repeats while the activity is still active.
    const cycle = parseIsoCycle(timerExpression(run, boundary.trigger.timer, token));
    if (cycle && (job.remaining === null || job.remaining > 1)) {
      const next = schedule(
        run,
        token,
        boundary.id,
        addIsoDuration(run.ctx.now, cycle.interval),
        'boundaryTimer',
      );
      (token.boundaryJobs ??= []).push({
        jobId: next,
        boundaryId: boundary.id,
        remaining: job.remaining === null ? null : job.remaining - 1,
      });
    }
  }
  triggerBoundary(run, token, boundary);
}

/** An interrupting boundary event cancels its activity; either kind starts a token on the event's flow. */
export function triggerBoundary(run: Run, host: Token, boundary: BoundaryEventNode): void {
  if (boundary.cancelActivity) {
    const scopeId = host.scopeId;
    interrupt(run, host);
    const t = run.newToken(boundary.id, scopeId);
    run.queue.push(t.id);
    return;
  }
  const t = run.newToken(boundary.id, host.scopeId);
  run.queue.push(t.id);
}

/** The error boundary event that catches `errorCode` at this token: on its activity, or on an enclosing sub-process. */
export function findErrorCatcher(
  run: Run,
  token: Token,
  errorCode: string,
): { host: Token; boundary: BoundaryEventNode } | null {
  const state = run.state;
  const host = token.loop ? state.tokens[state.bodies[token.loop.bodyId]?.tokenId ?? ''] : token;
  if (!host) return null;
  const boundary = boundariesOf(run, host).find(
    (b) => b.trigger.kind === 'error' && (!b.trigger.errorCode || b.trigger.errorCode === errorCode),
  );
  if (boundary) return { host, boundary };
  return host.scopeId === ROOT_SCOPE ? null : findErrorCatcherFromScope(run, host.scopeId, errorCode);
}

export function findErrorCatcherFromScope(
  run: Run,
  scopeId: string,
  errorCode: string,
): { host: Token; boundary: BoundaryEventNode } | null {
  const scope = run.state.scopes[scopeId];
  const parent = scope ? run.state.tokens[scope.parentTokenId] : undefined;
  return parent ? findErrorCatcher(run, parent, errorCode) : null;
}

export function catchError(run: Run, host: Token, boundary: BoundaryEventNode): void {
  triggerBoundary(run, host, boundary);
}
