import { isBuiltNode, label, onlyEventDefinition, str, type El } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** error-code-missing: an error end event references a bpmn:error with an errorCode. */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:EndEvent' || !isBuiltNode(node)) return;
  const def = onlyEventDefinition(node);
  if (def?.$type !== 'bpmn:ErrorEventDefinition') return;
  if (str((def['errorRef'] as El | undefined)?.['errorCode'])) return;
  report(
    'error-code-missing',
    String(node.id),
    `Error end event ${label(node)} must reference a bpmn:error with an errorCode.`,
    `Sự kiện kết thúc lỗi ${label(node)} phải tham chiếu một lỗi có errorCode.`,
  );
});
