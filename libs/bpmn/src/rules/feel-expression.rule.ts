import { timerValues } from '../compile';
import { feelProblemVi, feelSyntaxError, stripFeelPrefix } from '../feel.util';
import {
  boundaryHost,
  extensionValues,
  inBuiltScope,
  isBuiltNode,
  onlyEventDefinition,
  STEP_TYPES,
  str,
  type El,
} from '../moddle.util';
import { ltRule } from './lint-rule.util';

/** What an expression is, in English and in Vietnamese. */
const WHAT_VI: Readonly<Record<string, string>> = {
  condition: 'điều kiện rẽ nhánh',
  'lt:unit': 'đơn vị xử lý (lt:unit)',
  'lt:collection': 'danh sách các bản (lt:collection)',
  loopCardinality: 'số bản (loopCardinality)',
  'lt:outputElement': 'kết quả mỗi bản (lt:outputElement)',
  completionCondition: 'điều kiện hoàn thành (completionCondition)',
  'mapping source': 'nguồn của ánh xạ biến',
  duration: 'khoảng thời gian hẹn giờ',
  date: 'thời điểm hẹn giờ',
  cycle: 'chu kỳ hẹn giờ',
};

/** The FEEL expressions of an element: [what, raw text] (raw as written, with its leading `=`). */
function expressions(el: El): Array<[string, string]> {
  const found: Array<[string, string | undefined]> = [];
  if (el.$type === 'bpmn:SequenceFlow') {
    found.push(['condition', str((el['conditionExpression'] as El | undefined)?.['body'])]);
  }
  if (STEP_TYPES.includes(el.$type)) {
    const unit = str(el['unit']);
    if (unit?.startsWith('=')) found.push(['lt:unit', unit]);
  }
  const loop = el['loopCharacteristics'] as El | undefined;
  if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') {
    const collection = str(loop['collection']);
    const cardinality = str((loop['loopCardinality'] as El | undefined)?.['body']);
    if (collection || cardinality) {
      found.push(['lt:collection', collection]);
      found.push(['loopCardinality', cardinality]);
      found.push(['lt:outputElement', str(loop['outputElement'])]);
      found.push(['completionCondition', str((loop['completionCondition'] as El | undefined)?.['body'])]);
    }
  }
  if (el.$type === 'bpmn:CallActivity') {
    for (const item of extensionValues(el)) {
      if (item.$type !== 'lt:In' && item.$type !== 'lt:Out') continue;
      const target = str(item['target']);
      if (target && /^[A-Za-z_]\w*$/.test(target)) found.push(['mapping source', str(item['source'])]);
    }
  }
  const def = onlyEventDefinition(el);
  const timerEvent =
    el.$type === 'bpmn:IntermediateCatchEvent' || (el.$type === 'bpmn:BoundaryEvent' && boundaryHost(el));
  if (timerEvent && def?.$type === 'bpmn:TimerEventDefinition') {
    const timer = timerValues(def);
    if (timer.given === 1) {
      for (const [kind, value] of [
        ['duration', timer.duration],
        ['date', timer.date],
        ['cycle', timer.cycle],
      ] as const) {
        if (value?.startsWith('=')) found.push([kind, value]);
      }
    }
  }
  return found.filter((e): e is [string, string] => e[1] !== undefined);
}

/** invalid-expression: conditions, FEEL attributes (`=expr`), mappings and timers parse as FEEL. */
export default ltRule((node, report) => {
  if (node.$type === 'bpmn:SequenceFlow' ? !inBuiltScope(node) || !str(node.id) : !isBuiltNode(node)) return;
  const elementId = String(node.id);
  for (const [what, raw] of expressions(node)) {
    const problem = feelSyntaxError(stripFeelPrefix(raw));
    if (!problem) continue;
    report(
      'invalid-expression',
      elementId,
      `${what} of ${elementId} is not a valid FEEL expression (${problem}): ${raw}`,
      `Biểu thức ${WHAT_VI[what] ?? what} của ${elementId} không hợp lệ (${feelProblemVi(problem)}): ${raw}`,
    );
  }
});
