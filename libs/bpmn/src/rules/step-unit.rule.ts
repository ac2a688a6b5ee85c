import { isBuiltNode, label, str, typeName } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** unit-missing: user and service tasks name the unit that handles them (lt:unit). */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:UserTask' && node.$type !== 'bpmn:ServiceTask') return;
  if (!isBuiltNode(node) || str(node['unit'])) return;
  report(
    'unit-missing',
    String(node.id),
    `${typeName(node)} ${label(node)} has no responsible unit (lt:unit).`,
    `Bước ${label(node)} chưa có đơn vị xử lý (lt:unit).`,
  );
});
