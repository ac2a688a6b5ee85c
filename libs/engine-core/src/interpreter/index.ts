export { step, emptyState, activeNodes, assertVariables } from './step';
export { sendBackTargets } from './behaviours/send-back';
