import type { GraphNode, MultiInstance, ServiceTaskNode, UserTaskNode } from '@lienthong/bpmn';
import { EngineError, type Json, type Token, type Variables } from '../../model';
import type { Run } from '../run';
import { activityDone, interrupt } from '../tokens';
import { attachBoundaries } from './boundaries';

/** Parallel or sequential multi-instance user/service tasks: one inner token per item of the collection. */
export function startMultiInstance(run: Run, token: Token, node: UserTaskNode | ServiceTaskNode): void {
  const mi = node.multiInstance;
  if (!mi) return;
  run.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
  const context = run.context(token);
  let items: Json[];
  if (mi.collection) {
    const value = run.evaluate(mi.collection, context, node.id);
    if (!Array.isArray(value)) {
      throw new EngineError(
        'expression-failed',
        `The collection of ${node.id} (${mi.collection}) is not a list.`,
        node.id,
      );
    }
    items = value;
  } else {
    const n = run.evaluate(mi.cardinality ?? '0', context, node.id);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new EngineError(
        'expression-failed',
        `The loop cardinality of ${node.id} is not a whole number.`,
        node.id,
      );
    }
    items = Array.from({ length: n }, (_, i) => i + 1);
  }
  attachBoundaries(run, token);
  const bodyId = run.ctx.newId();
  run.state.bodies[bodyId] = {
    id: bodyId,
    nodeId: node.id,
    tokenId: token.id,
    items,
    sequential: mi.sequential,
    started: 0,
    completed: 0,
    outputs: items.map(() => null),
  };
  token.wait = { kind: 'multiInstance', bodyId };
  if (items.length === 0) {
    finishMultiInstance(run, bodyId);
    return;
  }
  const count = mi.sequential ? 1 : items.length;
  for (let i = 0; i < count; i++) startInner(run, bodyId);
}

function multiInstanceOf(node: GraphNode): MultiInstance | undefined {
  return node.kind === 'userTask' || node.kind === 'serviceTask' ? node.multiInstance : undefined;
}

function startInner(run: Run, bodyId: string): void {
  const body = run.state.bodies[bodyId];
  if (!body) return;
  const node = run.node(body.nodeId);
  const mi = multiInstanceOf(node);
  const parent = run.state.tokens[body.tokenId];
  if (!parent) return;
  const index = body.started++;
  const inner = run.newToken(node.id, parent.scopeId);
  inner.loop = { bodyId, index };
  inner.locals = { loopCounter: index + 1 };
  if (mi?.elementVariable) inner.locals[mi.elementVariable] = body.items[index] ?? null;
  run.queue.push(inner.id);
}

/** One instance finished: collect its output, then finish the body, or start the next sequential instance. */
export function innerDone(run: Run, token: Token): void {
  const loop = token.loop;
  if (!loop) return;
  const body = run.state.bodies[loop.bodyId];
  if (!body) return;
  const node = run.node(body.nodeId);
  const mi = multiInstanceOf(node);
  const context = run.context(token);
  if (mi?.outputElement) body.outputs[loop.index] = run.evaluate(mi.outputElement, context, node.id);
  body.completed++;
  run.removeToken(token);
  run.history({
    type: 'node.completed',
    nodeId: node.id,
    tokenId: token.id,
    data: { loopCounter: loop.index + 1 },
  });
  const done = body.completed >= body.items.length;
  const early =
    !done && mi?.completionCondition
      ? run.evaluate(mi.completionCondition, bodyContext(run, body), node.id) === true
      : false;
  if (done || early) {
    finishMultiInstance(run, body.id);
  } else if (body.sequential) {
    startInner(run, body.id);
  }
}

function bodyContext(run: Run, body: { completed: number; items: Json[]; outputs: Json[] }): Variables {
  return {
    ...run.state.variables,
    nrOfInstances: body.items.length,
    nrOfCompletedInstances: body.completed,
    nrOfActiveInstances: body.items.length - body.completed,
  };
}

function finishMultiInstance(run: Run, bodyId: string): void {
  const state = run.state;
  const body = state.bodies[bodyId];
  if (!body) return;
  const mi = multiInstanceOf(run.node(body.nodeId));
  for (const t of Object.values(state.tokens)) if (t.loop?.bodyId === bodyId) interrupt(run, t);
  if (mi?.outputCollection) state.variables[mi.outputCollection] = body.outputs;
  delete state.bodies[bodyId];
  const parent = state.tokens[body.tokenId];
  if (!parent) return;
  parent.wait = undefined;
  activityDone(run, parent);
}
