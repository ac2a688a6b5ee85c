import type { LintRuleFactory } from './lint-rule.util';
import executableProcess from './executable-process.rule';
import processId from './process-id.rule';
import workingDuration from './working-duration.rule';
import cutoff from './cutoff.rule';
import elementId from './element-id.rule';
import supportedElement from './supported-element.rule';
import clock from './clock.rule';
import stepUnit from './step-unit.rule';
import candidateRole from './candidate-role.rule';
import serviceTopic from './service-topic.rule';
import callActivity from './call-activity.rule';
import multiInstance from './multi-instance.rule';
import formFields from './form-fields.rule';
import messageRef from './message-ref.rule';
import errorEndEvent from './error-end-event.rule';
import timer from './timer.rule';
import feelExpression from './feel-expression.rule';
import boundaryEvent from './boundary-event.rule';
import sequenceFlow from './sequence-flow.rule';
import startEventCount from './start-event-count.rule';
import flowConnectivity from './flow-connectivity.rule';
import gatewayFlows from './gateway-flows.rule';

/**
 * Every rule the engine runs on deploy, by name: the designer registers the same record in a bpmnlint
 * plugin (`lt/<name>`).
 */
export const ltRules: Readonly<Record<string, LintRuleFactory>> = {
  'executable-process': executableProcess,
  'process-id': processId,
  'working-duration': workingDuration,
  cutoff: cutoff,
  'element-id': elementId,
  'supported-element': supportedElement,
  clock: clock,
  'step-unit': stepUnit,
  'candidate-role': candidateRole,
  'service-topic': serviceTopic,
  'call-activity': callActivity,
  'multi-instance': multiInstance,
  'form-fields': formFields,
  'message-ref': messageRef,
  'error-end-event': errorEndEvent,
  timer: timer,
  'feel-expression': feelExpression,
  'boundary-event': boundaryEvent,
  'sequence-flow': sequenceFlow,
  'start-event-count': startEventCount,
  'flow-connectivity': flowConnectivity,
  'gateway-flows': gatewayFlows,
};

export {
  ltRule,
  type LintRule,
  type LintRuleFactory,
  type Report,
  type RuleDetails,
  type RuleReporter,
} from './lint-rule.util';
export { runRules, traverse } from './run-rules.util';
