import { boundaryHost, isBuiltNode, list, typeName, type El } from '../moddle.util';
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

/** What makes an element one the engine does not execute, or null when it is supported. */
function unsupported(el: El): string | null {
  const defs = list(el['eventDefinitions']);
  const def = defs[0];
  const loop = el['loopCharacteristics'] as El | undefined;
  if (loop && el.$type !== 'bpmn:UserTask' && el.$type !== 'bpmn:ServiceTask') {
    return `loop characteristics on a ${typeName(el)}`;
  }
  if (loop && loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return 'a standard loop';
  if (!SUPPORTED.has(el.$type)) return `a ${typeName(el)}`;
  switch (el.$type) {
    case 'bpmn:StartEvent':
      return def ? `a ${typeName(def)} start event` : null;
    case 'bpmn:EndEvent':
      if (defs.length > 1) return 'an end event with several event definitions';
      return def && def.$type !== 'bpmn:TerminateEventDefinition' && def.$type !== 'bpmn:ErrorEventDefinition'
        ? `a ${typeName(def)} end event`
        : null;
    case 'bpmn:IntermediateThrowEvent':
      return def ? `a ${typeName(def)} throw event` : null;
    case 'bpmn:IntermediateCatchEvent':
      if (defs.length !== 1 || !def) return 'a catch event without exactly one event definition';
      return def.$type === 'bpmn:MessageEventDefinition' || def.$type === 'bpmn:TimerEventDefinition'
        ? null
        : `a ${typeName(def)} catch event`;
    case 'bpmn:SubProcess':
      return el['triggeredByEvent'] === true ? 'an event sub-process' : null;
    case 'bpmn:BoundaryEvent':
      // An unattached boundary event is reported by the boundary-event rule.
      if (!boundaryHost(el)) return null;
      if (defs.length !== 1 || !def) return 'a boundary event without exactly one event definition';
      if (def.$type === 'bpmn:ErrorEventDefinition') {
        return el['cancelActivity'] === false ? 'a non-interrupting error boundary event' : null;
      }
      return def.$type === 'bpmn:TimerEventDefinition' || def.$type === 'bpmn:MessageEventDefinition'
        ? null
        : `a ${typeName(def)} boundary event`;
    default:
      return null;
  }
}

/** unsupported-element: element kinds (and event, loop variants) the engine does not execute. */
export default ltRule((node, report) => {
  if (!isBuiltNode(node)) return;
  const what = unsupported(node);
  if (!what) return;
  report(
    'unsupported-element',
    node.id ?? null,
    `${node.id ?? 'An element'} is ${what}, which this engine does not execute.`,
    `${node.id ?? 'Phần tử'}: loại phần tử này (${what}) chưa được hỗ trợ.`,
  );
});
