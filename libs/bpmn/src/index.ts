export * from './graph';
export { analyzeBpmn, compileBpmn, type CompileResult } from './analyze';
export { forgetAnalysis } from './compile';
export {
  ltRule,
  ltRules,
  runRules,
  traverse,
  type LintRule,
  type LintRuleFactory,
  type Report,
  type RuleDetails,
  type RuleReporter,
} from './rules';
export { is } from './moddle.util';
export {
  parseBpmn,
  serializeBpmn,
  createModdle,
  ltDescriptor,
  LT_NAMESPACE_URI,
  MAX_BPMN_LENGTH,
  MAX_XML_DEPTH,
  type ParsedBpmn,
} from './moddle';
export { BpmnValidationError, type ValidationIssue } from './validation-issue';
export { feelProblemVi, feelSyntaxError, stripFeelPrefix } from './feel.util';
export { keepOwnPrefixes, type KeptPrefixes } from './own-prefix.util';
export { readerWarningElementId, readerWarningVi, type ReaderWarning } from './reader-warning.util';
export {
  addIsoDuration,
  isZeroDuration,
  parseIsoCycle,
  parseIsoDate,
  parseIsoDuration,
  type IsoCycle,
  type IsoDuration,
} from './timer.util';
