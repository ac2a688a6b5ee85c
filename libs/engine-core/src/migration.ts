import type { GraphNode, ProcessGraph } from '@lienthong/bpmn';
import { ROOT_SCOPE, type InstanceState, type Token } from './model';

/** How a source element found its target: same id, same name (unique), or given by hand. */
export type MappedBy = 'id' | 'name' | 'manual';

export interface MappingEntry {
  source: string;
  sourceName: string | null;
  target: string | null;
  targetName: string | null;
  mappedBy: MappedBy | null;
}

/** A token moved by a migration (its task, when it waits on one). */
export interface TokenMove {
  tokenId: string;
  from: string;
  to: string;
  taskId?: string;
  /** The unit the moved task now belongs to (the target's literal unit, redirected; else unchanged). */
  unit?: string | null;
}

export interface MigrationResult {
  /** The instance on the target version (the input is never changed). */
  state: InstanceState;
  moves: TokenMove[];
  /** Why it cannot move (in Vietnamese, shown to the publisher); empty when it can. */
  problems: string[];
}

/** Element kinds a waiting token can be moved between (a user task to a user task, and so on). */
function compatible(a: GraphNode, b: GraphNode): boolean {
  return a.kind === b.kind;
}

function label(node: GraphNode | undefined, id: string): string {
  return node?.name ? `"${node.name}" (${id})` : id;
}

/**
 * Proposes where each of `sourceNodes` (the elements active dossiers wait at) goes in the target
 * version: the element with the same id and kind, else the only element of the same kind with the same
 * name; `manual` entries win over both. An entry with no target must be mapped by hand.
 */
export function proposeMapping(
  source: ProcessGraph,
  target: ProcessGraph,
  sourceNodes: Iterable<string>,
  manual: Record<string, string> = {},
): MappingEntry[] {
  const entries: MappingEntry[] = [];
  for (const id of [...new Set(sourceNodes)].sort()) {
    const from = source.nodes[id];
    const entry: MappingEntry = {
      source: id,
      sourceName: from?.name ?? null,
      target: null,
      targetName: null,
      mappedBy: null,
    };
    const set = (targetId: string, by: MappedBy) => {
      entry.target = targetId;
      entry.targetName = target.nodes[targetId]?.name ?? null;
      entry.mappedBy = by;
    };
    const chosen = manual[id];
    if (chosen !== undefined) {
      if (target.nodes[chosen]) set(chosen, 'manual');
    } else if (from) {
      const same = target.nodes[id];
      if (same && compatible(from, same)) set(id, 'id');
      else if (from.name) {
        const named = Object.values(target.nodes).filter((n) => n.name === from.name && compatible(from, n));
        if (named.length === 1) set(named[0]!.id, 'name');
      }
    }
    entries.push(entry);
  }
  return entries;
}

/** The mapping as a lookup (entries without a target left out). */
export function mappingOf(entries: MappingEntry[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of entries) if (e.target !== null) map[e.source] = e.target;
  return map;
}

/**
 * Moves a running instance of `source` to `target`: every token to the element `mapping` gives for its
 * element, sub-process scopes and multi-instance bodies with them. Pure. Refused (problems, state
 * unchanged) when a token's element is unmapped or mapped to an element of another kind, when it would
 * land in another scope than its sub-process's target, when a boundary timer it holds is not attached
 * to its target, when a message it waits for has another name there, or when a join it waits at
 * counts a flow the target does not have.
 */
export function migrateInstance(
  state: InstanceState,
  source: ProcessGraph,
  target: ProcessGraph,
  mapping: Record<string, string>,
  resolveUnit: (code: string) => string = (code) => code,
): MigrationResult {
  const problems: string[] = [];
  const next: InstanceState = structuredClone(state);
  const moves: TokenMove[] = [];
  if (state.status !== 'active') {
    return { state, moves, problems: ['Hồ sơ đã kết thúc, không còn bước nào đang xử lý.'] };
  }
  const scopeNodeOf = (scopeId: string): string | null =>
    scopeId === ROOT_SCOPE ? null : (state.scopes[scopeId]?.nodeId ?? null);
  const check = (id: string, kind: string): GraphNode | undefined => {
    const from = source.nodes[id];
    const to = mapping[id] === undefined ? undefined : target.nodes[mapping[id]];
    if (!to) {
      problems.push(`Bước ${label(from, id)} chưa được ánh xạ sang phiên bản mới.`);
      return undefined;
    }
    if (from && !compatible(from, to)) {
      problems.push(
        `Bước ${label(from, id)} (${from.kind}) được ánh xạ sang ${label(to, to.id)} là loại khác (${to.kind}).`,
      );
      return undefined;
    }
    if (kind === 'scope' && to.kind !== 'subProcess') {
      problems.push(`Quy trình con ${label(from, id)} không có trong phiên bản mới.`);
      return undefined;
    }
    return to;
  };

  for (const scope of Object.values(next.scopes)) {
    const to = check(scope.nodeId, 'scope');
    if (to) scope.nodeId = to.id;
  }
  for (const body of Object.values(next.bodies)) {
    const to = check(body.nodeId, 'body');
    if (to && !('multiInstance' in to && to.multiInstance)) {
      problems.push(`Bước nhiều lượt ${label(to, to.id)} không còn là bước nhiều lượt trong phiên bản mới.`);
    } else if (to) body.nodeId = to.id;
  }
  const checkedNodes = new Set<string>();
  for (const token of Object.values(next.tokens) as Token[]) {
    const original = state.tokens[token.id] as Token;
    const from = source.nodes[original.nodeId];
    const to = checkedNodes.has(original.nodeId)
      ? target.nodes[mapping[original.nodeId] as string]
      : check(original.nodeId, 'token');
    if (!to) {
      checkedNodes.add(original.nodeId);
      continue;
    }
    const expectedScope = scopeNodeOf(original.scopeId);
    const targetScope = expectedScope === null ? null : (mapping[expectedScope] ?? null);
    if (to.scope !== targetScope) {
      problems.push(
        `Bước ${label(from, original.nodeId)} nằm trong phạm vi ${expectedScope ?? 'quy trình chính'}, nhưng ${label(to, to.id)} thuộc phạm vi khác (${to.scope ?? 'quy trình chính'}) trong phiên bản mới.`,
      );
      continue;
    }
    for (const job of original.boundaryJobs ?? []) {
      if (!(target.boundaries[to.id] ?? []).includes(job.boundaryId)) {
        problems.push(
          `Sự kiện biên ${job.boundaryId} của bước ${label(from, original.nodeId)} không gắn với ${label(to, to.id)} trong phiên bản mới.`,
        );
      }
    }
    const wait = original.wait;
    if (wait?.kind === 'message') {
      const name = to.kind === 'messageCatch' || to.kind === 'receiveTask' ? to.messageName : undefined;
      if (name !== wait.name) {
        problems.push(
          `Bước ${label(from, original.nodeId)} chờ thông điệp "${wait.name}", ${label(to, to.id)} không chờ thông điệp này.`,
        );
      }
    }
    if (wait?.kind === 'join' && original.viaFlow && !target.flows[original.viaFlow]) {
      problems.push(
        `Luồng ${original.viaFlow} đến cổng ${label(from, original.nodeId)} không có trong phiên bản mới.`,
      );
    }
    token.nodeId = to.id;
    if (token.wait?.kind === 'task') {
      const unit = 'unit' in to && to.unit?.kind === 'literal' ? resolveUnit(to.unit.value) : token.wait.unit;
      token.wait = { ...token.wait, unit };
      moves.push({ tokenId: token.id, from: original.nodeId, to: to.id, taskId: token.wait.taskId, unit });
    } else if (original.nodeId !== to.id) {
      moves.push({ tokenId: token.id, from: original.nodeId, to: to.id });
    }
  }
  if (problems.length > 0) return { state, moves: [], problems: [...new Set(problems)] };
  return { state: next, moves, problems };
}
