import { buildProcessGraph } from '../compile';
import { inBuiltScope, processOf, str, type El } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** flow-endpoint, flow-scope: a sequence flow joins two elements the engine runs, in the same scope. */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:SequenceFlow' || !inBuiltScope(node)) return;
  const id = str(node.id);
  const process = processOf(node);
  if (!id || !process) return;
  const { nodes } = buildProcessGraph(process);
  const source = str((node['sourceRef'] as El | undefined)?.id);
  const target = str((node['targetRef'] as El | undefined)?.id);
  const sourceNode = source ? nodes[source] : undefined;
  const targetNode = target ? nodes[target] : undefined;
  if (!sourceNode || !targetNode) {
    const missing = !source
      ? 'source'
      : !target
        ? 'target'
        : !sourceNode
          ? `source ${source}`
          : `target ${target}`;
    report(
      'flow-endpoint',
      id,
      `Sequence flow ${id} has a missing or unknown ${missing}.`,
      `Luồng ${id} thiếu hoặc sai điểm ${missing.startsWith('source') ? 'nguồn' : 'đích'}.`,
    );
    return;
  }
  const scope = node.$parent?.$type === 'bpmn:SubProcess' ? String(node.$parent.id) : null;
  if (sourceNode.scope !== scope || targetNode.scope !== scope) {
    report(
      'flow-scope',
      id,
      `Sequence flow ${id} crosses a sub-process boundary.`,
      `Luồng ${id} vượt qua ranh giới quy trình con.`,
    );
  }
});
