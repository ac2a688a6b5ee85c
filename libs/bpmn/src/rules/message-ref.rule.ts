import {
  boundaryHost,
  isBuiltNode,
  label,
  onlyEventDefinition,
  str,
  typeName,
  type El,
} from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** The message an element waits for, or null when it waits for none. */
function awaitedMessage(el: El): { message: El | undefined } | null {
  if (el.$type === 'bpmn:ReceiveTask') {
    return el['loopCharacteristics'] ? null : { message: el['messageRef'] as El | undefined };
  }
  const waits =
    el.$type === 'bpmn:IntermediateCatchEvent' || (el.$type === 'bpmn:BoundaryEvent' && boundaryHost(el));
  const def = waits ? onlyEventDefinition(el) : undefined;
  return def?.$type === 'bpmn:MessageEventDefinition'
    ? { message: def['messageRef'] as El | undefined }
    : null;
}

/** message-missing: receive tasks and message events reference a bpmn:message with a name. */
export default ltRule((node, report) => {
  if (!isBuiltNode(node)) return;
  const awaited = awaitedMessage(node);
  if (!awaited || str(awaited.message?.['name'])) return;
  report(
    'message-missing',
    String(node.id),
    `${typeName(node)} ${label(node)} must reference a bpmn:message with a name.`,
    `${label(node)} phải tham chiếu một thông điệp (bpmn:message) có tên.`,
  );
});
