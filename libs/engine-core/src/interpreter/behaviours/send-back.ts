import type { ProcessGraph } from '@lienthong/bpmn';
import { EngineError, type InstanceState, type Token } from '../../model';
import type { Run } from '../run';
import { interrupt } from '../tokens';

/**
 * Sending a dossier back to an earlier step (trả lại bước trước), as Camunda 7's instance modification
 * does it: the open task is cancelled and a token starts before the target, whose new task gets a new
 * allotted time. What is supported, kept simple on purpose:
 * - from an open user task that is not an instance of a multi-instance activity;
 * - to a user task of the same scope (the same process level or the same sub-process instance);
 * - only along its own branch: the target must lead to the current step by sequence flows that cross no
 *   parallel or inclusive gateway (so a join never waits for a branch that will not come, and no fork
 *   starts a branch again). Other branches of the dossier keep running as they are.
 * That the dossier already passed the target is the engine's check (it reads the dossier's steps).
 */
export function sendBackTargets(graph: ProcessGraph, state: InstanceState, taskId: string): string[] {
  const token = waitingToken(state, taskId);
  if (!token || token.loop) return [];
  return Object.values(graph.nodes)
    .filter(
      (n) =>
        n.kind === 'userTask' &&
        n.id !== token.nodeId &&
        n.scope === (graph.nodes[token.nodeId]?.scope ?? null) &&
        leadsWithinBranch(graph, n.id, token.nodeId),
    )
    .map((n) => n.id);
}

export function sendBack(run: Run, taskId: string, targetNodeId: string, reason: string): void {
  const token = waitingToken(run.state, taskId);
  if (!token) throw new EngineError('task-not-active', `Task ${taskId} is not active.`);
  if (token.loop) {
    throw new EngineError(
      'send-back-refused',
      `Step ${token.nodeId} is one instance of a multi-instance activity: it cannot be sent back alone.`,
      token.nodeId,
    );
  }
  if (!sendBackTargets(run.graph, run.state, taskId).includes(targetNodeId)) {
    throw new EngineError(
      'send-back-refused',
      `Step ${targetNodeId} is not an earlier user task of the same branch as ${token.nodeId}.`,
      targetNodeId,
    );
  }
  run.history({
    type: 'task.sentBack',
    nodeId: token.nodeId,
    tokenId: token.id,
    taskId,
    data: { targetNodeId, reason },
  });
  const scopeId = token.scopeId;
  interrupt(run, token);
  const moved = run.newToken(targetNodeId, scopeId);
  run.queue.push(moved.id);
}

function waitingToken(state: InstanceState, taskId: string): Token | undefined {
  return Object.values(state.tokens).find((t) => t.wait?.kind === 'task' && t.wait.taskId === taskId);
}

/** Whether `to` is reached from `from` along sequence flows that cross no parallel or inclusive gateway. */
function leadsWithinBranch(graph: ProcessGraph, from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const node = graph.nodes[queue.shift() as string];
    if (!node) continue;
    for (const flowId of node.outgoing) {
      const target = graph.flows[flowId]?.target;
      if (target === undefined || seen.has(target)) continue;
      if (target === to) return true;
      const kind = graph.nodes[target]?.kind;
      if (kind === 'parallelGateway' || kind === 'inclusiveGateway') continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return false;
}
