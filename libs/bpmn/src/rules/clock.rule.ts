import { isBuiltNode, str } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** invalid-clock: lt:clock of a step or event is "pause" or "restart". */
export default ltRule((node, report) => {
  if (!isBuiltNode(node)) return;
  const clock = str(node['clock']);
  if (!clock || clock === 'pause' || clock === 'restart') return;
  report(
    'invalid-clock',
    String(node.id),
    `lt:clock "${clock}" of ${node.id} must be "pause" or "restart".`,
    `Quy tắc tính thời hạn "${clock}" của ${node.id} phải là "pause" (tạm dừng) hoặc "restart" (tính lại từ đầu).`,
  );
});
