import { isBuiltNode, label, str } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** topic-missing: a service task names the topic agency systems fetch its work by (lt:topic). */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:ServiceTask' || !isBuiltNode(node) || str(node['topic'])) return;
  report(
    'topic-missing',
    String(node.id),
    `Service task ${label(node)} has no lt:topic: agency systems fetch its work by topic.`,
    `Tác vụ dịch vụ ${label(node)} chưa có chủ đề (lt:topic) để hệ thống của cơ quan nhận việc.`,
  );
});
