import type { ServiceTaskNode, UserTaskNode } from '@lienthong/bpmn';
import { EngineError, type Token, type Variables } from '../../model';
import type { Run } from '../run';
import { activityDone } from '../tokens';
import { attachBoundaries, catchError, findErrorCatcher } from './boundaries';
import { startMultiInstance } from './multi-instance';

/** A user or service task: a multi-instance body, or one task for the step's unit. */
export function enterTask(run: Run, token: Token, node: UserTaskNode | ServiceTaskNode): void {
  if (node.multiInstance && !token.loop) {
    startMultiInstance(run, token, node);
    return;
  }
  run.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
  attachBoundaries(run, token);
  createTask(run, token, node);
}

/**
 * Opens the task: its unit is the literal `lt:unit` or the value of its FEEL expression, passed through
 * the context's `resolveUnit` (a merged unit's steps go to its successor).
 */
function createTask(run: Run, token: Token, node: UserTaskNode | ServiceTaskNode): void {
  const taskId = run.ctx.newId();
  const context = run.context(token);
  let unit: string | null = null;
  if (node.unit?.kind === 'literal') unit = node.unit.value;
  else if (node.unit?.kind === 'feel') {
    const value = run.evaluate(node.unit.expression, context, node.id);
    if (typeof value !== 'string' || value === '') {
      throw new EngineError(
        'expression-failed',
        `The unit expression of ${node.id} did not give a unit code.`,
        node.id,
      );
    }
    unit = value;
  }
  if (unit !== null && run.ctx.resolveUnit) unit = run.ctx.resolveUnit(unit);
  const body = token.loop ? run.state.bodies[token.loop.bodyId] : undefined;
  token.wait = { kind: 'task', taskId, taskKind: node.kind === 'userTask' ? 'user' : 'external', unit };
  run.effects.push({
    type: 'taskCreated',
    task: {
      taskId,
      tokenId: token.id,
      nodeId: node.id,
      name: node.name,
      kind: node.kind === 'userTask' ? 'user' : 'external',
      unit,
      candidateRole: node.candidateRole,
      allottedTime: node.allottedTime,
      form: node.kind === 'userTask' ? node.form : [],
      topic: node.kind === 'serviceTask' ? node.topic : undefined,
      retries: node.kind === 'serviceTask' ? node.retries : undefined,
      loop: token.loop && body ? { index: token.loop.index, total: body.items.length } : undefined,
      locals: token.locals,
    },
  });
  run.history({ type: 'task.created', nodeId: node.id, tokenId: token.id, taskId });
}

export function completeTask(run: Run, taskId: string, variables: Variables): void {
  const token = run.findToken((t) => t.wait?.kind === 'task' && t.wait.taskId === taskId);
  if (!token) throw new EngineError('task-not-active', `Task ${taskId} is not active in this instance.`);
  run.setVariables(token, variables);
  run.effects.push({ type: 'taskEnded', taskId, outcome: 'completed', variables });
  run.history({
    type: 'task.completed',
    nodeId: token.nodeId,
    tokenId: token.id,
    taskId,
    data: variables,
  });
  token.wait = undefined;
  activityDone(run, token);
}

/** An external task reports a BPMN error: an error boundary event of the step (or an enclosing one) catches it. */
export function throwTaskError(
  run: Run,
  taskId: string,
  errorCode: string,
  errorMessage: string | undefined,
  variables: Variables,
): void {
  const token = run.findToken(
    (t) => t.wait?.kind === 'task' && t.wait.taskId === taskId && t.wait.taskKind === 'external',
  );
  if (!token)
    throw new EngineError('task-not-active', `External task ${taskId} is not active in this instance.`);
  const catcher = findErrorCatcher(run, token, errorCode);
  if (!catcher) {
    throw new EngineError(
      'error-not-caught',
      `No error boundary event catches error "${errorCode}" thrown by ${token.nodeId}.`,
      token.nodeId,
    );
  }
  run.setVariables(token, variables);
  run.history({
    type: 'error.thrown',
    nodeId: token.nodeId,
    taskId,
    data: { errorCode, errorMessage: errorMessage ?? null },
  });
  catchError(run, catcher.host, catcher.boundary);
}
