import type { GatewayNode, GraphNode } from '@lienthong/bpmn';
import { EngineError, type Token } from '../../model';
import type { Run } from '../run';
import { takeFlows } from '../tokens';

/** Exclusive, inclusive and parallel gateways: a join waits for its branches, a split chooses its flows. */
export function enterGateway(run: Run, token: Token, node: GatewayNode): void {
  if (node.kind !== 'exclusiveGateway' && node.incoming.length > 1) {
    token.wait = { kind: 'join' };
    if (node.kind === 'parallelGateway') tryParallelJoin(run, node.id, token.scopeId);
    // Inclusive joins are checked once the run has settled (fireInclusiveJoins).
    return;
  }
  split(run, token, node);
}

function split(run: Run, token: Token, node: GatewayNode): void {
  if (node.kind === 'parallelGateway') {
    takeFlows(run, token, node.outgoing);
    return;
  }
  const context = run.context(token);
  const matching = node.outgoing.filter((f) => {
    if (f === node.defaultFlow) return false;
    const condition = run.graph.flows[f]?.condition;
    return !condition || run.evaluate(condition, context, f) === true;
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
  for (const f of chosen) run.history({ type: 'flow.taken', nodeId: node.id, flowId: f });
  takeFlows(run, token, chosen);
}

function tryParallelJoin(run: Run, gatewayId: string, scopeId: string): void {
  const node = run.node(gatewayId);
  const waiting = run.tokensIn(scopeId).filter((t) => t.nodeId === gatewayId && t.wait?.kind === 'join');
  const byFlow = new Map<string, Token>();
  for (const t of waiting) if (t.viaFlow && !byFlow.has(t.viaFlow)) byFlow.set(t.viaFlow, t);
  if (!node.incoming.every((f) => byFlow.has(f))) return;
  fireJoin(run, node, [...byFlow.values()]);
}

/** An inclusive join fires when no other token of its scope can still reach it. */
export function fireInclusiveJoins(run: Run): boolean {
  let fired = false;
  const state = run.state;
  for (const token of Object.values(state.tokens)) {
    if (token.wait?.kind !== 'join' || !state.tokens[token.id]) continue;
    const node = run.node(token.nodeId);
    if (node.kind !== 'inclusiveGateway') continue;
    const upstream = new Set(run.graph.inclusiveJoinUpstream[node.id] ?? []);
    const scopeTokens = run.tokensIn(token.scopeId);
    if (scopeTokens.some((t) => t.nodeId !== node.id && upstream.has(t.nodeId))) continue;
    const byFlow = new Map<string, Token>();
    for (const t of scopeTokens) {
      if (t.nodeId === node.id && t.wait?.kind === 'join' && t.viaFlow && !byFlow.has(t.viaFlow))
        byFlow.set(t.viaFlow, t);
    }
    fireJoin(run, node, [...byFlow.values()]);
    fired = true;
  }
  return fired;
}

function fireJoin(run: Run, node: GraphNode, arrived: Token[]): void {
  const [first, ...rest] = arrived;
  if (!first) return;
  for (const t of rest) run.removeToken(t);
  first.wait = undefined;
  run.history({ type: 'node.completed', nodeId: node.id, tokenId: first.id });
  if (node.kind === 'parallelGateway' || node.kind === 'inclusiveGateway') split(run, first, node);
}
