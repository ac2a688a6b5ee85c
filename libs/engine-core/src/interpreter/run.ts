import type { GraphNode, ProcessGraph } from '@lienthong/bpmn';
import { evaluateFeel, toJson } from '../feel';
import {
  EngineError,
  type Effect,
  type HistoryEvent,
  type InstanceState,
  type Json,
  type StepContext,
  type Token,
  type Variables,
} from '../model';

/**
 * The behaviours that the token moves (`tokens.ts`) call back into: the behaviours import those
 * moves, so the moves reach them through the run, never by an import (no circle). `step.ts` gives
 * one table, made once, to every run.
 */
export interface Behaviours {
  /** An inner instance of a multi-instance activity finished (`behaviours/multi-instance.ts`). */
  innerDone(run: Run, token: Token): void;
}

/**
 * One command applied to a copy of an instance's state: the state it changes, the effects it collects
 * and the tokens still to enter. The behaviours (`behaviours/*.ts`) are plain functions of a run.
 */
export class Run {
  readonly effects: Effect[] = [];
  correlated: boolean | undefined;
  /** Ids of the tokens to enter next, in order (see `drain`). */
  readonly queue: string[] = [];

  constructor(
    readonly graph: ProcessGraph,
    readonly state: InstanceState,
    readonly ctx: StepContext,
    readonly behaviours: Behaviours,
  ) {}

  node(id: string): GraphNode {
    const node = this.graph.nodes[id];
    if (!node) throw new Error(`Unknown node ${id} in process ${this.graph.key}`);
    return node;
  }

  newToken(nodeId: string, scopeId: string): Token {
    const token: Token = { id: this.ctx.newId(), nodeId, scopeId };
    this.state.tokens[token.id] = token;
    return token;
  }

  removeToken(token: Token): void {
    delete this.state.tokens[token.id];
  }

  tokensIn(scopeId: string): Token[] {
    return Object.values(this.state.tokens).filter((t) => t.scopeId === scopeId);
  }

  findToken(predicate: (t: Token) => boolean): Token | undefined {
    return Object.values(this.state.tokens).find(predicate);
  }

  /** The variables an expression at this token sees (process variables, then the token's locals). */
  context(token: Token): Variables {
    return token.locals ? { ...this.state.variables, ...token.locals } : this.state.variables;
  }

  /** Task output goes to the process variables, or to the loop instance's locals when it feeds an output collection. */
  setVariables(token: Token, variables: Variables): void {
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

  evaluate(expression: string, context: Variables, elementId: string): Json {
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

  history(event: HistoryEvent): void {
    this.effects.push({ type: 'history', event });
  }
}
