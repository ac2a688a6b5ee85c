import { extensionValues, isBuiltNode, label, str } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** called-element-missing, variable-mapping: a call activity names the procedure it calls; lt:in/lt:out are complete. */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:CallActivity' || !isBuiltNode(node)) return;
  const id = String(node.id);
  if (!str(node['calledElement'])) {
    report(
      'called-element-missing',
      id,
      `Call activity ${label(node)} has no calledElement (the key of the procedure it calls).`,
      `Hoạt động gọi ${label(node)} chưa chỉ định quy trình được gọi (calledElement).`,
    );
  }
  for (const item of extensionValues(node)) {
    if (item.$type !== 'lt:In' && item.$type !== 'lt:Out') continue;
    const target = str(item['target']);
    if (str(item['source']) && target && /^[A-Za-z_]\w*$/.test(target)) continue;
    report(
      'variable-mapping',
      id,
      `A variable mapping of ${label(node)} needs a source expression and a target variable name.`,
      `Ánh xạ biến của ${label(node)} cần biểu thức nguồn và tên biến đích.`,
    );
  }
});
