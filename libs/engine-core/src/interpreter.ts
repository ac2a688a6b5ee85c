import {
  addIsoDuration,
  parseIsoCycle,
  parseIsoDate,
  parseIsoDuration,
  type BoundaryEventNode,
  type GraphNode,
  type ProcessGraph,
  type ServiceTaskNode,
  type TimerDefinition,
  type UserTaskNode,
} from '@lienthong/bpmn';
import { parseWorkingDuration } from '@lienthong/calendar';
import { evaluateFeel, toJson } from './feel';
import {
  EngineError,
  ROOT_SCOPE,
  type Command,
  type Effect,
  type HistoryEvent,
  type InstanceState,
  type Json,
  type StepContext,
  type StepResult,
  type Token,
  type Variables,
} from './model';

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
  const run = new Run(graph, state ? structuredClone(state) : emptyState(), ctx);
  run.apply(command, state === null);
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

class Run {
  readonly effects: Effect[] = [];
  correlated: boolean | undefined;
  private readonly queue: string[] = [];

  constructor(
    private readonly graph: ProcessGraph,
    readonly state: InstanceState,
    private readonly ctx: StepContext,
  ) {}

  apply(command: Command, fresh: boolean): void {
    if (command.type === 'start') {
      if (!fresh) throw new EngineError('already-started', 'The instance has already started.');
      this.state.variables = { ...assertVariables(command.variables) };
      this.history({ type: 'instance.started' });
      const token = this.newToken(this.graph.startNode, ROOT_SCOPE);
      this.queue.push(token.id);
      this.drain();
      return;
    }
    if (this.state.status !== 'active') {
      throw new EngineError(
        'instance-not-active',
        `The instance is ${this.state.status}; it accepts no more commands.`,
      );
    }
    switch (command.type) {
      case 'completeTask':
        this.completeTask(command.taskId, assertVariables(command.variables));
        break;
      case 'throwError':
        this.throwTaskError(
          command.taskId,
          command.errorCode,
          command.errorMessage,
          assertVariables(command.variables),
        );
        break;
      case 'correlateMessage':
        this.correlate(command.name, assertVariables(command.variables));
        break;
      case 'fireJob':
        this.fireJob(command.jobId);
        break;
      case 'completeCall':
        this.completeCall(command.callId, assertVariables(command.variables));
        break;
      case 'failCall':
        this.failCall(command.callId, command.errorCode);
        break;
      case 'cancel':
        for (const t of this.tokensIn(ROOT_SCOPE)) this.interrupt(t);
        this.state.status = 'cancelled';
        this.state.result = { reason: command.reason };
        this.history({
          type: 'instance.cancelled',
          data: command.reason ? { reason: command.reason } : undefined,
        });
        this.effects.push({ type: 'instanceEnded', status: 'cancelled', variables: this.state.variables });
        return;
    }
    this.drain();
  }

  // ---------------------------------------------------------------- commands

  private completeTask(taskId: string, variables: Variables): void {
    const token = this.findToken((t) => t.wait?.kind === 'task' && t.wait.taskId === taskId);
    if (!token) throw new EngineError('task-not-active', `Task ${taskId} is not active in this instance.`);
    this.setVariables(token, variables);
    this.effects.push({ type: 'taskEnded', taskId, outcome: 'completed', variables });
    this.history({
      type: 'task.completed',
      nodeId: token.nodeId,
      tokenId: token.id,
      taskId,
      data: variables,
    });
    token.wait = undefined;
    this.activityDone(token);
  }

  private throwTaskError(
    taskId: string,
    errorCode: string,
    errorMessage: string | undefined,
    variables: Variables,
  ): void {
    const token = this.findToken(
      (t) => t.wait?.kind === 'task' && t.wait.taskId === taskId && t.wait.taskKind === 'external',
    );
    if (!token)
      throw new EngineError('task-not-active', `External task ${taskId} is not active in this instance.`);
    const catcher = this.findErrorCatcher(token, errorCode);
    if (!catcher) {
      throw new EngineError(
        'error-not-caught',
        `No error boundary event catches error "${errorCode}" thrown by ${token.nodeId}.`,
        token.nodeId,
      );
    }
    this.setVariables(token, variables);
    this.history({
      type: 'error.thrown',
      nodeId: token.nodeId,
      taskId,
      data: { errorCode, errorMessage: errorMessage ?? null },
    });
    this.catchError(catcher.host, catcher.boundary);
  }

  private correlate(name: string, variables: Variables): void {
    for (const token of Object.values(this.state.tokens)) {
      if (token.wait?.kind === 'message' && token.wait.name === name) {
        this.correlated = true;
        this.history({ type: 'message.correlated', nodeId: token.nodeId, tokenId: token.id, data: { name } });
        this.setVariables(token, variables);
        token.wait = undefined;
        this.activityDone(token);
        return;
      }
      const boundary = this.boundariesOf(token).find(
        (b) => b.trigger.kind === 'message' && b.trigger.messageName === name,
      );
      if (boundary && token.wait && token.wait.kind !== 'join') {
        this.correlated = true;
        this.history({ type: 'message.correlated', nodeId: boundary.id, tokenId: token.id, data: { name } });
        Object.assign(this.state.variables, variables);
        this.triggerBoundary(token, boundary);
        return;
      }
    }
    this.correlated = false;
  }

  private fireJob(jobId: string): void {
    for (const token of Object.values(this.state.tokens)) {
      if (token.wait?.kind === 'timer' && token.wait.jobId === jobId) {
        this.history({ type: 'timer.fired', nodeId: token.nodeId, tokenId: token.id });
        token.wait = undefined;
        this.clockOnExit(token, true);
        this.leave(token);
        return;
      }
      const job = token.boundaryJobs?.find((j) => j.jobId === jobId);
      if (job) {
        const boundary = this.graph.nodes[job.boundaryId] as BoundaryEventNode;
        this.history({ type: 'timer.fired', nodeId: boundary.id, tokenId: token.id });
        token.boundaryJobs = token.boundaryJobs?.filter((j) => j.jobId !== jobId);
        if (!boundary.cancelActivity && job.remaining !== 0 && boundary.trigger.kind === 'timer') {
          // A cycle timer repeats while the activity is still active.
          const cycle = parseIsoCycle(this.timerExpression(boundary.trigger.timer, token));
          if (cycle && (job.remaining === null || job.remaining > 1)) {
            const next = this.schedule(
              token,
              boundary.id,
              addIsoDuration(this.ctx.now, cycle.interval),
              'boundaryTimer',
            );
            (token.boundaryJobs ??= []).push({
              jobId: next,
              boundaryId: boundary.id,
              remaining: job.remaining === null ? null : job.remaining - 1,
            });
          }
        }
        this.triggerBoundary(token, boundary);
        return;
      }
    }
    // A job that no longer belongs to a waiting token (already cancelled): nothing to do.
  }

  private completeCall(callId: string, childVariables: Variables): void {
    const token = this.findToken((t) => t.wait?.kind === 'call' && t.wait.callId === callId);
    if (!token) throw new EngineError('call-not-active', `Call ${callId} is not active in this instance.`);
    const node = this.graph.nodes[token.nodeId];
    if (node?.kind === 'callActivity') {
      if (node.passAllOut) Object.assign(this.state.variables, childVariables);
      for (const m of node.outputs) {
        this.state.variables[m.target] = this.evaluate(m.source, childVariables, node.id);
      }
    }
    token.wait = undefined;
    this.activityDone(token);
  }

  private failCall(callId: string, errorCode: string): void {
    const token = this.findToken((t) => t.wait?.kind === 'call' && t.wait.callId === callId);
    if (!token) throw new EngineError('call-not-active', `Call ${callId} is not active in this instance.`);
    const catcher = this.findErrorCatcher(token, errorCode);
    this.history({ type: 'error.thrown', nodeId: token.nodeId, tokenId: token.id, data: { errorCode } });
    if (catcher) {
      this.catchError(catcher.host, catcher.boundary);
    } else {
      // The called procedure ended with an error nobody catches: the call activity ends like a none end.
      this.history({ type: 'error.uncaught', nodeId: token.nodeId, data: { errorCode } });
      this.interrupt(token);
      this.checkScopeCompletion(token.scopeId);
    }
  }

  // ---------------------------------------------------------------- execution

  private drain(): void {
    for (;;) {
      while (this.queue.length > 0) {
        const id = this.queue.shift() as string;
        const token = this.state.tokens[id];
        if (token) this.enter(token);
      }
      if (!this.fireInclusiveJoins()) break;
    }
  }

  private enter(token: Token): void {
    const node = this.node(token.nodeId);
    if (node.clock === 'pause' && !token.loop) {
      this.effects.push({ type: 'clock', action: 'pause', nodeId: node.id, tokenId: token.id });
    }
    switch (node.kind) {
      case 'startEvent':
      case 'passThrough':
        this.leave(token);
        return;
      case 'endEvent':
        this.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
        if (node.result === 'terminate') {
          for (const other of this.tokensIn(token.scopeId)) if (other.id !== token.id) this.interrupt(other);
          this.removeToken(token);
          this.completeScope(token.scopeId, { endEventId: node.id, terminated: true });
          return;
        }
        if (node.result === 'error' && node.errorCode) {
          const catcher =
            token.scopeId === ROOT_SCOPE
              ? null
              : this.findErrorCatcherFromScope(token.scopeId, node.errorCode);
          this.history({
            type: 'error.thrown',
            nodeId: node.id,
            tokenId: token.id,
            data: { errorCode: node.errorCode },
          });
          if (catcher) {
            this.removeToken(token);
            this.catchError(catcher.host, catcher.boundary);
            return;
          }
          if (token.scopeId === ROOT_SCOPE)
            this.state.result = { ...this.state.result, errorCode: node.errorCode };
          else this.history({ type: 'error.uncaught', nodeId: node.id, data: { errorCode: node.errorCode } });
        }
        this.removeToken(token);
        this.checkScopeCompletion(token.scopeId, node.id);
        return;
      case 'exclusiveGateway':
      case 'inclusiveGateway':
      case 'parallelGateway':
        this.enterGateway(token, node);
        return;
      case 'userTask':
      case 'serviceTask':
        if (node.multiInstance && !token.loop) {
          this.startMultiInstance(token, node);
          return;
        }
        this.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
        this.attachBoundaries(token);
        this.createTask(token, node);
        return;
      case 'receiveTask':
      case 'messageCatch':
        this.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
        if (node.kind === 'receiveTask') this.attachBoundaries(token);
        token.wait = { kind: 'message', name: node.messageName };
        this.effects.push({
          type: 'messageAwaited',
          name: node.messageName,
          tokenId: token.id,
          nodeId: node.id,
        });
        return;
      case 'timerCatch': {
        this.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
        const jobId = this.schedule(token, node.id, this.timerDue(node.timer, token), 'timer');
        token.wait = { kind: 'timer', jobId };
        return;
      }
      case 'subProcess': {
        this.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
        this.attachBoundaries(token);
        const scopeId = this.ctx.newId();
        this.state.scopes[scopeId] = { id: scopeId, nodeId: node.id, parentTokenId: token.id };
        token.wait = { kind: 'scope', scopeId };
        const inner = this.newToken(node.startNode, scopeId);
        this.queue.push(inner.id);
        return;
      }
      case 'callActivity': {
        this.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
        this.attachBoundaries(token);
        const callId = this.ctx.newId();
        const context = this.context(token);
        const variables: Variables = node.passAllIn ? { ...context } : {};
        for (const m of node.inputs) variables[m.target] = this.evaluate(m.source, context, node.id);
        token.wait = { kind: 'call', callId };
        this.effects.push({
          type: 'callStarted',
          callId,
          tokenId: token.id,
          nodeId: node.id,
          calledElement: node.calledElement,
          variables,
        });
        return;
      }
      case 'boundaryEvent':
        this.leave(token);
        return;
    }
  }

  /** Leaves a node along its outgoing flows (conditions evaluated; no outgoing flow ends the token). */
  private leave(token: Token): void {
    const node = this.node(token.nodeId);
    if (node.kind !== 'startEvent' && node.kind !== 'boundaryEvent' && node.kind !== 'passThrough') {
      this.history({ type: 'node.completed', nodeId: node.id, tokenId: token.id });
    }
    const flows = node.outgoing.filter((f) => {
      const condition = this.graph.flows[f]?.condition;
      return !condition || this.evaluate(condition, this.context(token), f) === true;
    });
    this.takeFlows(token, flows);
  }

  private takeFlows(token: Token, flows: string[]): void {
    if (flows.length === 0) {
      this.removeToken(token);
      this.checkScopeCompletion(token.scopeId);
      return;
    }
    flows.forEach((flowId, i) => {
      const flow = this.graph.flows[flowId];
      if (!flow) return;
      const t = i === 0 ? token : this.newToken(flow.target, token.scopeId);
      t.nodeId = flow.target;
      t.viaFlow = flowId;
      t.wait = undefined;
      t.boundaryJobs = undefined;
      if (i === 0) {
        t.locals = undefined;
        t.loop = undefined;
      }
      this.queue.push(t.id);
    });
  }

  private enterGateway(
    token: Token,
    node: Extract<GraphNode, { kind: 'exclusiveGateway' | 'inclusiveGateway' | 'parallelGateway' }>,
  ): void {
    if (node.kind !== 'exclusiveGateway' && node.incoming.length > 1) {
      token.wait = { kind: 'join' };
      if (node.kind === 'parallelGateway') this.tryParallelJoin(node.id, token.scopeId);
      // Inclusive joins are checked once the run has settled (fireInclusiveJoins).
      return;
    }
    this.split(token, node);
  }

  private split(
    token: Token,
    node: Extract<GraphNode, { kind: 'exclusiveGateway' | 'inclusiveGateway' | 'parallelGateway' }>,
  ): void {
    if (node.kind === 'parallelGateway') {
      this.takeFlows(token, node.outgoing);
      return;
    }
    const context = this.context(token);
    const matching = node.outgoing.filter((f) => {
      if (f === node.defaultFlow) return false;
      const condition = this.graph.flows[f]?.condition;
      return !condition || this.evaluate(condition, context, f) === true;
    });
    let chosen = node.kind === 'exclusiveGateway' ? matching.slice(0, 1) : matching;
    if (chosen.length === 0 && node.defaultFlow) chosen = [node.defaultFlow];
    if (chosen.length === 0 && node.outgoing.length > 0) {
      throw new EngineError(
        'no-outgoing-flow',
        `Gateway ${node.id}${node.name ? ` ("${node.name}")` : ''}: no condition matched and there is no default flow.`,
        node.id,
      );
    }
    for (const f of chosen) this.history({ type: 'flow.taken', nodeId: node.id, flowId: f });
    this.takeFlows(token, chosen);
  }

  private tryParallelJoin(gatewayId: string, scopeId: string): void {
    const node = this.node(gatewayId);
    const waiting = this.tokensIn(scopeId).filter((t) => t.nodeId === gatewayId && t.wait?.kind === 'join');
    const byFlow = new Map<string, Token>();
    for (const t of waiting) if (t.viaFlow && !byFlow.has(t.viaFlow)) byFlow.set(t.viaFlow, t);
    if (!node.incoming.every((f) => byFlow.has(f))) return;
    this.fireJoin(node, [...byFlow.values()]);
  }

  /** An inclusive join fires when no other token of its scope can still reach it. */
  private fireInclusiveJoins(): boolean {
    let fired = false;
    for (const token of Object.values(this.state.tokens)) {
      if (token.wait?.kind !== 'join' || !this.state.tokens[token.id]) continue;
      const node = this.node(token.nodeId);
      if (node.kind !== 'inclusiveGateway') continue;
      const upstream = new Set(this.graph.inclusiveJoinUpstream[node.id] ?? []);
      const scopeTokens = this.tokensIn(token.scopeId);
      if (scopeTokens.some((t) => t.nodeId !== node.id && upstream.has(t.nodeId))) continue;
      const byFlow = new Map<string, Token>();
      for (const t of scopeTokens) {
        if (t.nodeId === node.id && t.wait?.kind === 'join' && t.viaFlow && !byFlow.has(t.viaFlow))
          byFlow.set(t.viaFlow, t);
      }
      this.fireJoin(node, [...byFlow.values()]);
      fired = true;
    }
    return fired;
  }

  private fireJoin(node: GraphNode, arrived: Token[]): void {
    const [first, ...rest] = arrived;
    if (!first) return;
    for (const t of rest) this.removeToken(t);
    first.wait = undefined;
    this.history({ type: 'node.completed', nodeId: node.id, tokenId: first.id });
    if (node.kind === 'parallelGateway' || node.kind === 'inclusiveGateway') this.split(first, node);
  }

  private createTask(token: Token, node: UserTaskNode | ServiceTaskNode): void {
    const taskId = this.ctx.newId();
    const context = this.context(token);
    let unit: string | null = null;
    if (node.unit?.kind === 'literal') unit = node.unit.value;
    else if (node.unit?.kind === 'feel') {
      const value = this.evaluate(node.unit.expression, context, node.id);
      if (typeof value !== 'string' || value === '') {
        throw new EngineError(
          'expression-failed',
          `The unit expression of ${node.id} did not give a unit code.`,
          node.id,
        );
      }
      unit = value;
    }
    const body = token.loop ? this.state.bodies[token.loop.bodyId] : undefined;
    token.wait = { kind: 'task', taskId, taskKind: node.kind === 'userTask' ? 'user' : 'external', unit };
    this.effects.push({
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
    this.history({ type: 'task.created', nodeId: node.id, tokenId: token.id, taskId });
  }

  // ---------------------------------------------------------------- multi-instance

  private startMultiInstance(token: Token, node: UserTaskNode | ServiceTaskNode): void {
    const mi = node.multiInstance;
    if (!mi) return;
    this.history({ type: 'node.entered', nodeId: node.id, tokenId: token.id });
    const context = this.context(token);
    let items: Json[];
    if (mi.collection) {
      const value = this.evaluate(mi.collection, context, node.id);
      if (!Array.isArray(value)) {
        throw new EngineError(
          'expression-failed',
          `The collection of ${node.id} (${mi.collection}) is not a list.`,
          node.id,
        );
      }
      items = value;
    } else {
      const n = this.evaluate(mi.cardinality ?? '0', context, node.id);
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
        throw new EngineError(
          'expression-failed',
          `The loop cardinality of ${node.id} is not a whole number.`,
          node.id,
        );
      }
      items = Array.from({ length: n }, (_, i) => i + 1);
    }
    this.attachBoundaries(token);
    const bodyId = this.ctx.newId();
    this.state.bodies[bodyId] = {
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
      this.finishMultiInstance(bodyId);
      return;
    }
    const count = mi.sequential ? 1 : items.length;
    for (let i = 0; i < count; i++) this.startInner(bodyId);
  }

  private startInner(bodyId: string): void {
    const body = this.state.bodies[bodyId];
    if (!body) return;
    const node = this.node(body.nodeId);
    const mi = node.kind === 'userTask' || node.kind === 'serviceTask' ? node.multiInstance : undefined;
    const parent = this.state.tokens[body.tokenId];
    if (!parent) return;
    const index = body.started++;
    const inner = this.newToken(node.id, parent.scopeId);
    inner.loop = { bodyId, index };
    inner.locals = { loopCounter: index + 1 };
    if (mi?.elementVariable) inner.locals[mi.elementVariable] = body.items[index] ?? null;
    this.queue.push(inner.id);
  }

  private innerDone(token: Token): void {
    const loop = token.loop;
    if (!loop) return;
    const body = this.state.bodies[loop.bodyId];
    if (!body) return;
    const node = this.node(body.nodeId);
    const mi = node.kind === 'userTask' || node.kind === 'serviceTask' ? node.multiInstance : undefined;
    const context = this.context(token);
    if (mi?.outputElement) body.outputs[loop.index] = this.evaluate(mi.outputElement, context, node.id);
    body.completed++;
    this.removeToken(token);
    this.history({
      type: 'node.completed',
      nodeId: node.id,
      tokenId: token.id,
      data: { loopCounter: loop.index + 1 },
    });
    const done = body.completed >= body.items.length;
    const early =
      !done && mi?.completionCondition
        ? this.evaluate(mi.completionCondition, this.bodyContext(body), node.id) === true
        : false;
    if (done || early) {
      this.finishMultiInstance(body.id);
    } else if (body.sequential) {
      this.startInner(body.id);
    }
  }

  private bodyContext(body: { completed: number; items: Json[]; outputs: Json[] }): Variables {
    return {
      ...this.state.variables,
      nrOfInstances: body.items.length,
      nrOfCompletedInstances: body.completed,
      nrOfActiveInstances: body.items.length - body.completed,
    };
  }

  private finishMultiInstance(bodyId: string): void {
    const body = this.state.bodies[bodyId];
    if (!body) return;
    const node = this.node(body.nodeId);
    const mi = node.kind === 'userTask' || node.kind === 'serviceTask' ? node.multiInstance : undefined;
    for (const t of Object.values(this.state.tokens)) if (t.loop?.bodyId === bodyId) this.interrupt(t);
    if (mi?.outputCollection) this.state.variables[mi.outputCollection] = body.outputs;
    delete this.state.bodies[bodyId];
    const parent = this.state.tokens[body.tokenId];
    if (!parent) return;
    parent.wait = undefined;
    this.activityDone(parent);
  }

  // ---------------------------------------------------------------- scopes and completion

  /** An activity finished normally: cancel its boundary timers and move on. */
  private activityDone(token: Token): void {
    this.cancelBoundaryJobs(token);
    this.clockOnExit(token, true);
    if (token.loop) {
      this.innerDone(token);
      return;
    }
    this.leave(token);
  }

  private checkScopeCompletion(scopeId: string, endEventId?: string): void {
    if (this.tokensIn(scopeId).length > 0) return;
    this.completeScope(scopeId, { endEventId });
  }

  private completeScope(scopeId: string, result: { endEventId?: string; terminated?: boolean }): void {
    if (scopeId === ROOT_SCOPE) {
      if (this.state.status !== 'active') return;
      this.state.status = 'completed';
      this.state.result = { ...this.state.result, ...result };
      this.history({ type: 'instance.completed', nodeId: result.endEventId });
      this.effects.push({
        type: 'instanceEnded',
        status: 'completed',
        endEventId: result.endEventId,
        errorCode: this.state.result.errorCode,
        variables: this.state.variables,
      });
      return;
    }
    const scope = this.state.scopes[scopeId];
    if (!scope) return;
    for (const t of this.tokensIn(scopeId)) this.interrupt(t);
    delete this.state.scopes[scopeId];
    const parent = this.state.tokens[scope.parentTokenId];
    if (!parent) return;
    parent.wait = undefined;
    this.activityDone(parent);
  }

  // ---------------------------------------------------------------- boundary events and errors

  private boundariesOf(token: Token): BoundaryEventNode[] {
    if (token.loop) return [];
    return (this.graph.boundaries[token.nodeId] ?? []).map((id) => this.graph.nodes[id] as BoundaryEventNode);
  }

  private attachBoundaries(token: Token): void {
    for (const b of this.boundariesOf(token)) {
      if (b.trigger.kind !== 'timer') continue;
      const timer = b.trigger.timer;
      const cycle = timer.kind === 'cycle' ? parseIsoCycle(this.timerExpression(timer, token)) : null;
      const jobId = this.schedule(token, b.id, this.timerDue(timer, token), 'boundaryTimer');
      (token.boundaryJobs ??= []).push({ jobId, boundaryId: b.id, remaining: cycle ? cycle.repetitions : 0 });
    }
  }

  private triggerBoundary(host: Token, boundary: BoundaryEventNode): void {
    if (boundary.cancelActivity) {
      const scopeId = host.scopeId;
      this.interrupt(host);
      const t = this.newToken(boundary.id, scopeId);
      this.queue.push(t.id);
      return;
    }
    const t = this.newToken(boundary.id, host.scopeId);
    this.queue.push(t.id);
  }

  private findErrorCatcher(
    token: Token,
    errorCode: string,
  ): { host: Token; boundary: BoundaryEventNode } | null {
    const host = token.loop ? this.state.tokens[this.state.bodies[token.loop.bodyId]?.tokenId ?? ''] : token;
    if (!host) return null;
    const boundary = this.boundariesOf(host).find(
      (b) => b.trigger.kind === 'error' && (!b.trigger.errorCode || b.trigger.errorCode === errorCode),
    );
    if (boundary) return { host, boundary };
    return host.scopeId === ROOT_SCOPE ? null : this.findErrorCatcherFromScope(host.scopeId, errorCode);
  }

  private findErrorCatcherFromScope(
    scopeId: string,
    errorCode: string,
  ): { host: Token; boundary: BoundaryEventNode } | null {
    const scope = this.state.scopes[scopeId];
    const parent = scope ? this.state.tokens[scope.parentTokenId] : undefined;
    return parent ? this.findErrorCatcher(parent, errorCode) : null;
  }

  private catchError(host: Token, boundary: BoundaryEventNode): void {
    this.triggerBoundary(host, boundary);
  }

  /** Cancels a token and everything it waits for (tasks, timers, nested scopes, calls, loop instances). */
  private interrupt(token: Token): void {
    if (!this.state.tokens[token.id]) return;
    const wait = token.wait;
    if (wait) this.clockOnExit(token, false);
    this.cancelBoundaryJobs(token);
    this.removeToken(token);
    if (!wait) return;
    switch (wait.kind) {
      case 'task':
        this.effects.push({ type: 'taskEnded', taskId: wait.taskId, outcome: 'cancelled' });
        this.history({
          type: 'task.cancelled',
          nodeId: token.nodeId,
          tokenId: token.id,
          taskId: wait.taskId,
        });
        break;
      case 'timer':
        this.effects.push({ type: 'jobCancelled', jobId: wait.jobId });
        break;
      case 'scope':
        for (const t of this.tokensIn(wait.scopeId)) this.interrupt(t);
        delete this.state.scopes[wait.scopeId];
        break;
      case 'call':
        this.effects.push({ type: 'callCancelled', callId: wait.callId });
        break;
      case 'multiInstance':
        for (const t of Object.values(this.state.tokens))
          if (t.loop?.bodyId === wait.bodyId) this.interrupt(t);
        delete this.state.bodies[wait.bodyId];
        break;
      case 'message':
      case 'join':
        break;
    }
    if (wait.kind !== 'join')
      this.history({ type: 'node.cancelled', nodeId: token.nodeId, tokenId: token.id });
  }

  /** A step with `lt:clock` ends: a paused clock resumes; a completed `restart` step restarts it. */
  private clockOnExit(token: Token, completed: boolean): void {
    if (token.loop) return;
    const clock = this.graph.nodes[token.nodeId]?.clock;
    if (clock === 'pause')
      this.effects.push({ type: 'clock', action: 'resume', nodeId: token.nodeId, tokenId: token.id });
    else if (clock === 'restart' && completed)
      this.effects.push({ type: 'clock', action: 'restart', nodeId: token.nodeId, tokenId: token.id });
  }

  private cancelBoundaryJobs(token: Token): void {
    for (const job of token.boundaryJobs ?? []) this.effects.push({ type: 'jobCancelled', jobId: job.jobId });
    token.boundaryJobs = undefined;
  }

  // ---------------------------------------------------------------- timers

  private schedule(token: Token, nodeId: string, dueAt: Date, purpose: 'timer' | 'boundaryTimer'): string {
    const jobId = this.ctx.newId();
    this.effects.push({
      type: 'jobScheduled',
      jobId,
      dueAt: dueAt.toISOString(),
      tokenId: token.id,
      nodeId,
      purpose,
    });
    return jobId;
  }

  private timerExpression(timer: TimerDefinition, token: Token): string {
    if (!timer.expression.startsWith('=')) return timer.expression;
    const value = this.evaluate(timer.expression.slice(1), this.context(token), token.nodeId);
    if (typeof value !== 'string')
      throw new EngineError(
        'expression-failed',
        `Timer expression of ${token.nodeId} did not give a text value.`,
      );
    return value;
  }

  private timerDue(timer: TimerDefinition, token: Token): Date {
    const text = this.timerExpression(timer, token);
    if (timer.kind === 'duration' && timer.working) {
      if (!this.ctx.calendar)
        throw new EngineError(
          'expression-failed',
          `Timer of ${token.nodeId} counts working time but no calendar was given.`,
        );
      return this.ctx.calendar.addWorkingTime(this.ctx.now, parseWorkingDuration(text));
    }
    if (timer.kind === 'date') {
      const date = parseIsoDate(text);
      if (date) return date;
    } else {
      const duration = timer.kind === 'cycle' ? parseIsoCycle(text)?.interval : parseIsoDuration(text);
      if (duration) return addIsoDuration(this.ctx.now, duration);
    }
    throw new EngineError(
      'expression-failed',
      `Timer of ${token.nodeId}: "${text}" is not a valid ISO 8601 ${timer.kind}.`,
      token.nodeId,
    );
  }

  // ---------------------------------------------------------------- helpers

  private node(id: string): GraphNode {
    const node = this.graph.nodes[id];
    if (!node) throw new Error(`Unknown node ${id} in process ${this.graph.key}`);
    return node;
  }

  private newToken(nodeId: string, scopeId: string): Token {
    const token: Token = { id: this.ctx.newId(), nodeId, scopeId };
    this.state.tokens[token.id] = token;
    return token;
  }

  private removeToken(token: Token): void {
    delete this.state.tokens[token.id];
  }

  private tokensIn(scopeId: string): Token[] {
    return Object.values(this.state.tokens).filter((t) => t.scopeId === scopeId);
  }

  private findToken(predicate: (t: Token) => boolean): Token | undefined {
    return Object.values(this.state.tokens).find(predicate);
  }

  private context(token: Token): Variables {
    return token.locals ? { ...this.state.variables, ...token.locals } : this.state.variables;
  }

  /** Task output goes to the process variables, or to the loop instance's locals when it feeds an output collection. */
  private setVariables(token: Token, variables: Variables): void {
    if (Object.keys(variables).length === 0) return;
    const body = token.loop ? this.state.bodies[token.loop.bodyId] : undefined;
    const node = body ? this.graph.nodes[body.nodeId] : undefined;
    const collects =
      node &&
      (node.kind === 'userTask' || node.kind === 'serviceTask') &&
      node.multiInstance?.outputCollection;
    if (collects) token.locals = { ...token.locals, ...variables };
    else Object.assign(this.state.variables, variables);
  }

  private evaluate(expression: string, context: Variables, elementId: string): Json {
    try {
      return toJson(evaluateFeel(expression, context));
    } catch (error) {
      throw new EngineError(
        'expression-failed',
        `Expression of ${elementId} failed: ${error instanceof Error ? error.message : String(error)}`,
        elementId,
      );
    }
  }

  private history(event: HistoryEvent): void {
    this.effects.push({ type: 'history', event });
  }
}
