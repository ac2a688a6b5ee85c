import type { TimerCatchNode } from '@lienthong/bpmn';
import type { Token } from '../../model';
import type { Run } from '../run';
import { clockOnExit, leave } from '../tokens';
import { fireBoundaryJob } from './boundaries';
import { schedule, timerDue } from './timer-due';

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
