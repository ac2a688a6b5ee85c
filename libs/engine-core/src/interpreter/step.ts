import type { ProcessGraph } from '@lienthong/bpmn';
import {
  EngineError,
  ROOT_SCOPE,
  type Command,
  type InstanceState,
  type StepContext,
  type StepResult,
  type Token,
  type Variables,
} from '../model';
import { enterEndEvent, enterMessageWait, correlate } from './behaviours/events';
import { enterGateway, fireInclusiveJoins } from './behaviours/gateways';
import { enterCallActivity, enterSubProcess, completeCall, failCall } from './behaviours/scopes';
import { completeTask, enterTask, throwTaskError } from './behaviours/tasks';
import { innerDone } from './behaviours/multi-instance';
import { sendBack } from './behaviours/send-back';
import { enterTimerCatch, fireJob } from './behaviours/timers';
import { Run, type Behaviours } from './run';
import { interrupt, leave } from './tokens';

/** The behaviours the token moves call back into (see `Behaviours`): one table for every run. */
const BEHAVIOURS: Behaviours = { innerDone };

/**
 * The BPMN interpreter: a pure function from (graph, state, command, context) to the new state and
 * the effects the engine must perform (create tasks, schedule jobs, append history …). It never
 * mutates its input state, reads no clock and does no I/O.
 */
export function step(
  graph: ProcessGraph,
  state: InstanceState | null,
  command: Command,
  ctx: StepContext,
): StepResult {
  const run = new Run(graph, state ? structuredClone(state) : emptyState(), ctx, BEHAVIOURS);
  apply(run, command, state === null);
  return { state: run.state, effects: run.effects, correlated: run.correlated };
}

export function emptyState(): InstanceState {
  return { status: 'active', variables: {}, tokens: {}, scopes: {}, bodies: {} };
}

/** Tokens currently waiting at a node, for display ("active steps"). */
export function activeNodes(state: InstanceState): string[] {
  return [...new Set(Object.values(state.tokens).map((t) => t.nodeId))];
}

export function assertVariables(value: unknown, what = 'variables'): Variables {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new EngineError('invalid-variables', `${what} must be a JSON object.`);
  }
  return value as Variables;
}

function apply(run: Run, command: Command, fresh: boolean): void {
  const state = run.state;
  if (command.type === 'start') {
    if (!fresh) throw new EngineError('already-started', 'The instance has already started.');
    state.variables = { ...assertVariables(command.variables) };
    run.history({ type: 'instance.started' });
    const token = run.newToken(run.graph.startNode, ROOT_SCOPE);
    run.queue.push(token.id);
    drain(run);
    return;
  }
  if (state.status !== 'active') {
    throw new EngineError(
      'instance-not-active',
      `The instance is ${state.status}; it accepts no more commands.`,
    );
  }
  switch (command.type) {
    case 'completeTask':
      completeTask(run, command.taskId, assertVariables(command.variables));
      break;
    case 'throwError':
      throwTaskError(
        run,
        command.taskId,
        command.errorCode,
        command.errorMessage,
        assertVariables(command.variables),
      );
      break;
    case 'correlateMessage':
      correlate(run, command.name, assertVariables(command.variables));
      break;
    case 'fireJob':
      fireJob(run, command.jobId);
      break;
    case 'completeCall':
      completeCall(run, command.callId, assertVariables(command.variables));
      break;
    case 'failCall':
      failCall(run, command.callId, command.errorCode);
      break;
    case 'sendBack':
      sendBack(run, command.taskId, command.targetNodeId, command.reason);
      break;
    case 'cancel':
      endEarly(run, 'cancelled', { reason: command.reason });
      return;
    case 'stop':
      endEarly(run, 'stopped', { reason: command.reason, basis: command.basis });
      return;
  }
  drain(run);
}

/** Cancel or stop: every token of the instance is interrupted (its open steps cancelled) and it ends. */
function endEarly(
  run: Run,
  status: 'cancelled' | 'stopped',
  result: { reason?: string; basis?: string },
): void {
  for (const t of run.tokensIn(ROOT_SCOPE)) interrupt(run, t);
  const given = Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined));
  run.state.status = status;
  run.state.result = given;
  run.history({
    type: status === 'cancelled' ? 'instance.cancelled' : 'instance.stopped',
    data: Object.keys(given).length > 0 ? given : undefined,
  });
  run.effects.push({ type: 'instanceEnded', status, variables: run.state.variables });
}

/** Enters the queued tokens until none is left and no inclusive join can fire. */
function drain(run: Run): void {
  const queue = run.queue;
  for (;;) {
    while (queue.length > 0) {
      const id = queue.shift() as string;
      const token = run.state.tokens[id];
      if (token) enter(run, token);
    }
    if (!fireInclusiveJoins(run)) break;
  }
}

/** A token arrives at a node: the node's behaviour decides whether it waits or moves on. */
function enter(run: Run, token: Token): void {
  const node = run.node(token.nodeId);
  if (node.clock === 'pause' && !token.loop) {
    run.effects.push({ type: 'clock', action: 'pause', nodeId: node.id, tokenId: token.id });
  }
  switch (node.kind) {
    case 'startEvent':
    case 'passThrough':
    case 'boundaryEvent':
      leave(run, token);
      return;
    case 'endEvent':
      enterEndEvent(run, token, node);
      return;
    case 'exclusiveGateway':
    case 'inclusiveGateway':
    case 'parallelGateway':
      enterGateway(run, token, node);
      return;
    case 'userTask':
    case 'serviceTask':
      enterTask(run, token, node);
      return;
    case 'receiveTask':
    case 'messageCatch':
      enterMessageWait(run, token, node);
      return;
    case 'timerCatch':
      enterTimerCatch(run, token, node);
      return;
    case 'subProcess':
      enterSubProcess(run, token, node);
      return;
    case 'callActivity':
      enterCallActivity(run, token, node);
      return;
  }
}
