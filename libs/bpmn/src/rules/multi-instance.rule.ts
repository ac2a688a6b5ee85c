import { isBuiltNode, label, str, type El } from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** multi-instance-input, multi-instance-output: a multi-instance step says what it iterates and collects. */
export default ltRule((node, report) => {
  if (node.$type !== 'bpmn:UserTask' && node.$type !== 'bpmn:ServiceTask') return;
  const loop = node['loopCharacteristics'] as El | undefined;
  if (loop?.$type !== 'bpmn:MultiInstanceLoopCharacteristics' || !isBuiltNode(node)) return;
  const id = String(node.id);
  if (!str(loop['collection']) && !str((loop['loopCardinality'] as El | undefined)?.['body'])) {
    report(
      'multi-instance-input',
      id,
      `Multi-instance ${label(node)} needs lt:collection or a loopCardinality.`,
      `Bước nhiều phiên bản ${label(node)} cần lt:collection hoặc loopCardinality.`,
    );
    return;
  }
  if (Boolean(str(loop['outputCollection'])) !== Boolean(str(loop['outputElement']))) {
    report(
      'multi-instance-output',
      id,
      `Multi-instance ${label(node)} needs both lt:outputCollection and lt:outputElement, or neither.`,
      `Bước nhiều phiên bản ${label(node)} cần khai báo đồng thời lt:outputCollection và lt:outputElement.`,
    );
  }
});
