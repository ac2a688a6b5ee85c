import { boundaryHost, isBuiltNode, list, typeName, type El } from '../moddle.util';
import { viElementName, viEventDefinitionName } from '../vi-names.util';
import { ltRule } from './lint-rule.util';

const SUPPORTED = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:Task',
  'bpmn:ManualTask',
  'bpmn:IntermediateThrowEvent',
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:ReceiveTask',
  'bpmn:IntermediateCatchEvent',
  'bpmn:ExclusiveGateway',
  'bpmn:InclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:SubProcess',
  'bpmn:CallActivity',
  'bpmn:BoundaryEvent',
]);

/** What an element is, in English and in Vietnamese. */
type What = readonly [en: string, vi: string];

/** What makes an element one the engine does not execute, or null when it is supported. */
function unsupported(el: El): What | null {
  const defs = list(el['eventDefinitions']);
  const def = defs[0];
  const kind = def ? viEventDefinitionName(def) : '';
  const loop = el['loopCharacteristics'] as El | undefined;
  if (loop && el.$type !== 'bpmn:UserTask' && el.$type !== 'bpmn:ServiceTask') {
    return [`loop characteristics on a ${typeName(el)}`, `vòng lặp trên ${viElementName(el)}`];
  }
  if (loop && loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    return ['a standard loop', 'vòng lặp chuẩn, chỉ hỗ trợ nhiều bản'];
  }
  if (!SUPPORTED.has(el.$type)) return [`a ${typeName(el)}`, viElementName(el)];
  switch (el.$type) {
    case 'bpmn:StartEvent':
      return def ? [`a ${typeName(def)} start event`, `sự kiện bắt đầu loại ${kind}`] : null;
    case 'bpmn:EndEvent':
      if (defs.length > 1) {
        return ['an end event with several event definitions', 'sự kiện kết thúc có nhiều loại cùng lúc'];
      }
      return def && def.$type !== 'bpmn:TerminateEventDefinition' && def.$type !== 'bpmn:ErrorEventDefinition'
        ? [`a ${typeName(def)} end event`, `sự kiện kết thúc loại ${kind}`]
        : null;
    case 'bpmn:IntermediateThrowEvent':
      return def ? [`a ${typeName(def)} throw event`, `sự kiện trung gian phát loại ${kind}`] : null;
    case 'bpmn:IntermediateCatchEvent':
      if (defs.length !== 1 || !def) {
        return [
          'a catch event without exactly one event definition',
          'sự kiện trung gian chờ không có đúng một loại sự kiện',
        ];
      }
      return def.$type === 'bpmn:MessageEventDefinition' || def.$type === 'bpmn:TimerEventDefinition'
        ? null
        : [`a ${typeName(def)} catch event`, `sự kiện trung gian chờ loại ${kind}`];
    case 'bpmn:SubProcess':
      return el['triggeredByEvent'] === true ? ['an event sub-process', 'quy trình con theo sự kiện'] : null;
    case 'bpmn:BoundaryEvent':
      // An unattached boundary event is reported by the boundary-event rule.
      if (!boundaryHost(el)) return null;
      if (defs.length !== 1 || !def) {
        return [
          'a boundary event without exactly one event definition',
          'sự kiện biên không có đúng một loại sự kiện',
        ];
      }
      if (def.$type === 'bpmn:ErrorEventDefinition') {
        return el['cancelActivity'] === false
          ? ['a non-interrupting error boundary event', 'sự kiện biên loại lỗi không ngắt bước']
          : null;
      }
      return def.$type === 'bpmn:TimerEventDefinition' || def.$type === 'bpmn:MessageEventDefinition'
        ? null
        : [`a ${typeName(def)} boundary event`, `sự kiện biên loại ${kind}`];
    default:
      return null;
  }
}

/** unsupported-element: element kinds (and event, loop variants) the engine does not execute. */
export default ltRule((node, report) => {
  if (!isBuiltNode(node)) return;
  const what = unsupported(node);
  if (!what) return;
  const [en, vi] = what;
  report(
    'unsupported-element',
    node.id ?? null,
    `${node.id ?? 'An element'} is ${en}, which this engine does not execute.`,
    `${node.id ?? 'Phần tử'}: loại phần tử này (${vi}) chưa được hỗ trợ.`,
  );
});
