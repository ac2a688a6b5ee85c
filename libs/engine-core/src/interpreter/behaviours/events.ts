import type { EndEventNode, MessageCatchNode, ReceiveTaskNode } from '@lienthong/bpmn';
import { ROOT_SCOPE, type Token, type Variables } from '../../model';
import type { Run } from '../run';
import { activityDone, checkScopeCompletion, completeScope, interrupt } from '../tokens';
import {
  attachBoundaries,
  boundariesOf,
  catchError,
  findErrorCatcherFromScope,
  triggerBoundary,
} from './boundaries';

/** None, terminate and error end events. */
export function enterEndEvent(run: Run, token: Token, node: EndEventNode): void {
  run.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
  if (node.result === 'terminate') {
    for (const other of run.tokensIn(token.scopeId)) if (other.id !== token.id) interrupt(run, other);
    run.removeToken(token);
    completeScope(run, token.scopeId, { endEventId: node.id, terminated: true });
    return;
  }
  if (node.result === 'error' && node.errorCode) {
    const catcher =
      token.scopeId === ROOT_SCOPE ? null : findErrorCatcherFromScope(run, token.scopeId, node.errorCode);
    run.history({
      type: 'error.thrown',
      nodeId: node.id,
      tokenId: token.id,
      data: { errorCode: node.errorCode },
    });
    if (catcher) {
      run.removeToken(token);
      catchError(run, catcher.host, catcher.boundary);
      return;
    }
    if (token.scopeId === ROOT_SCOPE) run.state.result = { ...run.state.result, errorCode: node.errorCode };
    else run.history({ type: 'error.uncaught', nodeId: node.id, data: { errorCode: node.errorCode } });
  }
  run.removeToken(token);
  checkScopeCompletion(run, token.scopeId, node.id);
}

/** A receive task or an intermediate message catch event: the token waits for the message by name. */
export function enterMessageWait(run: Run, token: Token, node: ReceiveTaskNode | MessageCatchNode): void {
  run.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
  if (node.kind === 'receiveTask') attachBoundaries(run, token);
  token.wait = { kind: 'message', name: node.messageName };
  run.effects.push({
    type: 'messageAwaited',
    name: node.messageName,
    tokenId: token.id,
    nodeId: node.id,
  });
}

/** A message goes to the first token waiting for it, or to the first activity with a message boundary for it. */
export function correlate(run: Run, name: string, variables: Variables): void {
  for (const token of Object.values(run.state.tokens)) {
    if (token.wait?.kind === 'message' && token.wait.name === name) {
      run.correlated = true;
      run.history({ type: 'message.correlated', nodeId: token.nodeId, tokenId: token.id, data: { name } });
      run.setVariables(token, variables);
      token.wait = undefined;
      activityDone(run, token);
      return;
    }
    const boundary = boundariesOf(run, token).find(
      (b) => b.trigger.kind === 'message' && b.trigger.messageName === name,
    );
    if (boundary && token.wait && token.wait.kind !== 'join') {
      run.correlated = true;
      run.history({ type: 'message.correlated', nodeId: boundary.id, tokenId: token.id, data: { name } });
      Object.assign(run.state.variables, variables);
      triggerBoundary(run, token, boundary);
      return;
    }
  }
  run.correlated = false;
}
