import type { ProcessGraph } from '@lienthong/bpmn';
import type { ActiveStepDto } from '@lienthong/contracts';
import type { InstanceState } from '@lienthong/engine-core';

const WAITING_FOR = {
  task: 'task',
  message: 'message',
  timer: 'timer',
  scope: 'subProcess',
  call: 'callActivity',
  multiInstance: 'multiInstance',
  join: 'join',
} as const;

/** Where a dossier waits now, read from its interpreter state. */
export function activeSteps(graph: ProcessGraph, state: InstanceState): ActiveStepDto[] {
  const steps: ActiveStepDto[] = [];
  for (const token of Object.values(state.tokens)) {
    const wait = token.wait;
    if (!wait) continue;
    const step: ActiveStepDto = {
      nodeId: token.nodeId,
      name: graph.nodes[token.nodeId]?.name ?? null,
      waitingFor: WAITING_FOR[wait.kind],
    };
    if (wait.kind === 'task') {
      step.taskId = wait.taskId;
      step.unit = wait.unit ?? null;
    } else if (wait.kind === 'message') {
      step.messageName = wait.name;
    }
    steps.push(step);
  }
  return steps;
}
