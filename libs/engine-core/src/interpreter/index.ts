export { step, emptyState, activeNodes, assertVariables } from './step';
