import { ROOT_SCOPE, type Token } from '../model';
import type { Run } from './run';

/** Leaves a node along its outgoing flows (conditions evaluated; no outgoing flow ends the token). */
export function leave(run: Run, token: Token): void {
  const node = run.node(token.nodeId);
  if (node.kind !== 'startEvent' && node.kind !== 'boundaryEvent' && node.kind !== 'passThrough') {
    run.history({ type: 'node.completed', nodeId: node.id, tokenId: token.id });
  }
  const flows = node.outgoing.filter((f) => {
    const condition = run.graph.flows[f]?.condition;
    return !condition || run.evaluate(condition, run.context(token), f) === true;
  });
  takeFlows(run, token, flows);
}

/** Moves the token along the first flow and new tokens along the others; no flow ends the token. */
export function takeFlows(run: Run, token: Token, flows: string[]): void {
  if (flows.length === 0) {
    run.removeToken(token);
    checkScopeCompletion(run, token.scopeId);
    return;
  }
  flows.forEach((flowId, i) => {
    const flow = run.graph.flows[flowId];
    if (!flow) return;
    const t = i === 0 ? token : run.newToken(flow.target, token.scopeId);
    t.nodeId = flow.target;
    t.viaFlow = flowId;
    t.wait = undefined;
    t.boundaryJobs = undefined;
    if (i === 0) {
      t.locals = undefined;
      t.loop = undefined;
    }
    run.queue.push(t.id);
  });
}

/** An activity finished normally: cancel its boundary timers and move on. */
export function activityDone(run: Run, token: Token): void {
  cancelBoundaryJobs(run, token);
  clockOnExit(run, token, true);
  if (token.loop) {
    run.behaviours.innerDone(run, token);
    return;
  }
  leave(run, token);
}

export function checkScopeCompletion(run: Run, scopeId: string, endEventId?: string): void {
  if (run.tokensIn(scopeId).length > 0) return;
  completeScope(run, scopeId, { endEventId });
}

/** The instance (root scope) or a sub-process scope ended: the instance completes or the sub-process moves on. */
export function completeScope(
  run: Run,
  scopeId: string,
  result: { endEventId?: string; terminated?: boolean },
): void {
  const state = run.state;
  if (scopeId === ROOT_SCOPE) {
    if (state.status !== 'active') return;
    state.status = 'completed';
    state.result = { ...state.result, ...result };
    run.history({ type: 'instance.completed', nodeId: result.endEventId });
    run.effects.push({
      type: 'instanceEnded',
      status: 'completed',
      endEventId: result.endEventId,
      errorCode: state.result.errorCode,
      variables: state.variables,
    });
    return;
  }
  const scope = state.scopes[scopeId];
  if (!scope) return;
  for (const t of run.tokensIn(scopeId)) interrupt(run, t);
  delete state.scopes[scopeId];
  const parent = state.tokens[scope.parentTokenId];
  if (!parent) return;
  parent.wait = undefined;
  activityDone(run, parent);
}

/** Cancels a token and everything it waits for (tasks, timers, nested scopes, calls, loop instances). */
export function interrupt(run: Run, token: Token): void {
  const state = run.state;
  if (!state.tokens[token.id]) return;
  const wait = token.wait;
  if (wait) clockOnExit(run, token, false);
  cancelBoundaryJobs(run, token);
  run.removeToken(token);
  if (!wait) return;
  switch (wait.kind) {
    case 'task':
      run.effects.push({ type: 'taskEnded', taskId: wait.taskId, outcome: 'cancelled' });
      run.history({
        type: 'task.cancelled',
        nodeId: token.nodeId,
        tokenId: token.id,
        taskId: wait.taskId,
      });
      break;
    case 'timer':
      run.effects.push({ type: 'jobCancelled', jobId: wait.jobId });
      break;
    case 'scope':
      for (const t of run.tokensIn(wait.scopeId)) interrupt(run, t);
      delete state.scopes[wait.scopeId];
      break;
    case 'call':
      run.effects.push({ type: 'callCancelled', callId: wait.callId });
      break;
    case 'multiInstance':
      for (const t of Object.values(state.tokens)) if (t.loop?.bodyId === wait.bodyId) interrupt(run, t);
      delete state.bodies[wait.bodyId];
      break;
    case 'message':
    case 'join':
      break;
  }
  if (wait.kind !== 'join') run.history({ type: 'node.cancelled', nodeId: token.nodeId, tokenId: token.id });
}

/** A step with `lt:clock` ends: a paused clock resumes; a completed `restart` step restarts it. */
export function clockOnExit(run: Run, token: Token, completed: boolean): void {
  if (token.loop) return;
  const clock = run.graph.nodes[token.nodeId]?.clock;
  if (clock === 'pause')
    run.effects.push({ type: 'clock', action: 'resume', nodeId: token.nodeId, tokenId: token.id });
  else if (clock === 'restart' && completed)
    run.effects.push({ type: 'clock', action: 'restart', nodeId: token.nodeId, tokenId: token.id });
}

export function cancelBoundaryJobs(run: Run, token: Token): void {
  for (const job of token.boundaryJobs ?? []) run.effects.push({ type: 'jobCancelled', jobId: job.jobId });
  token.boundaryJobs = undefined;
}
