import type { CallActivityNode, SubProcessNode } from '@lienthong/bpmn';
import { EngineError, type Token, type Variables } from '../../model';
import type { Run } from '../run';
import { activityDone, checkScopeCompletion, interrupt } from '../tokens';
import { attachBoundaries, catchError, findErrorCatcher } from './boundaries';

/** An embedded sub-process: a new scope whose start event gets a token; the outer token waits for it. */
export function enterSubProcess(run: Run, token: Token, node: SubProcessNode): void {
  run.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
  attachBoundaries(run, token);
  const scopeId = run.ctx.newId();
  run.state.scopes[scopeId] = { id: scopeId, nodeId: node.id, parentTokenId: token.id };
  token.wait = { kind: 'scope', scopeId };
  const inner = run.newToken(node.startNode, scopeId);
  run.queue.push(inner.id);
}

/** A call activity: the engine starts the called procedure with the mapped (or all) variables. */
export function enterCallActivity(run: Run, token: Token, node: CallActivityNode): void {
  run.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
  attachBoundaries(run, token);
  const callId = run.ctx.newId();
  const context = run.context(token);
  const variables: Variables = node.passAllIn ? { ...context } : {};
  for (const m of node.inputs) variables[m.target] = run.evaluate(m.source, context, node.id);
  token.wait = { kind: 'call', callId };
  run.effects.push({
    type: 'callStarted',
    callId,
    tokenId: token.id,
    nodeId: node.id,
    calledElement: node.calledElement,
    variables,
  });
}

/** The called procedure completed: its result is mapped back and the call activity moves on. */
export function completeCall(run: Run, callId: string, childVariables: Variables): void {
  const token = run.findToken((t) => t.wait?.kind === 'call' && t.wait.callId === callId);
  if (!token) throw new EngineError('call-not-active', `Call ${callId} is not active in this instance.`);
  const node = run.graph.nodes[token.nodeId];
  if (node?.kind === 'callActivity') {
    if (node.passAllOut) Object.assign(run.state.variables, childVariables);
    for (const m of node.outputs) {
      run.state.variables[m.target] = run.evaluate(m.source, childVariables, node.id);
    }
  }
  token.wait = undefined;
  activityDone(run, token);
}

/** The called procedure ended with an error: an error boundary catches it, or the call ends like a none end. */
export function failCall(run: Run, callId: string, errorCode: string): void {
  const token = run.findToken((t) => t.wait?.kind === 'call' && t.wait.callId === callId);
  if (!token) throw new EngineError('call-not-active', `Call ${callId} is not active in this instance.`);
  const catcher = findErrorCatcher(run, token, errorCode);
  run.history({ type: 'error.thrown', nodeId: token.nodeId, tokenId: token.id, data: { errorCode } });
  if (catcher) {
    catchError(run, catcher.host, catcher.boundary);
  } else {
    // The called procedure ended with an error nobody catches: the call activity ends like a none end.
    run.history({ type: 'error.uncaught', nodeId: token.nodeId, data: { errorCode } });
    interrupt(run, token);
    checkScopeCompletion(run, token.scopeId);
  }
}
