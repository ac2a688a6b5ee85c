import { inBuiltScope, list, str, typeName, type El } from '../moddle.util';
import { viElementName } from '../vi-names.util';
import { ltRule } from './lint-rule.util';

/** missing-id, duplicate-id: every flow element has an id, unique among the process's flow nodes. */
export default ltRule((node, report) => {
  if (inBuiltScope(node) && !str(node.id)) {
    if (node.$type === 'bpmn:SequenceFlow') {
      report('missing-id', null, 'A sequence flow has no id.', 'Một luồng tuần tự không có mã (id).');
    } else {
      report(
        'missing-id',
        null,
        `A ${typeName(node)} has no id.`,
        `Một phần tử (${viElementName(node)}) không có mã (id).`,
      );
    }
  }
  if (node.$type !== 'bpmn:Process') return;
  const seen = new Set<string>();
  const visit = (container: El): void => {
    for (const el of list(container['flowElements'])) {
      const id = str(el.id);
      if (!id || el.$type === 'bpmn:SequenceFlow' || !inBuiltScope(el)) continue;
      if (seen.has(id)) {
        report('duplicate-id', id, `Duplicate element id ${id}.`, `Trùng mã phần tử ${id}.`);
      }
      seen.add(id);
      if (el.$type === 'bpmn:SubProcess') visit(el);
    }
  };
  visit(node);
});
