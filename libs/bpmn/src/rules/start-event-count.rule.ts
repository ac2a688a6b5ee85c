import { buildProcessGraph } from '../compile';
import { isBuiltNode, processOf } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** start-event-count: the process and each embedded sub-process have exactly one none start event. */
export default ltRule((node, report) => {
  const isProcess = node.$type === 'bpmn:Process';
  if (!isProcess && !(node.$type === 'bpmn:SubProcess' && isBuiltNode(node))) return;
  const process = processOf(node);
  if (!process) return;
  const built = buildProcessGraph(process);
  const scope = isProcess ? null : String(node.id);
  if (scope && built.nodes[scope]?.kind !== 'subProcess') return;
  const count = built.starts[scope ?? '']?.length ?? 0;
  if (count === 1) return;
  report(
    'start-event-count',
    scope ?? node.id ?? null,
    `${scope ? `Sub-process ${scope}` : 'The process'} must have exactly one none start event (found ${count}).`,
    `${scope ? `Quy trình con ${scope}` : 'Quy trình'} phải có đúng một sự kiện bắt đầu (hiện có ${count}).`,
  );
});
