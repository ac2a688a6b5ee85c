export { step, emptyState, activeNodes, assertVariables, sendBackTargets } from './interpreter';
export { evaluateFeel, toJson } from './feel';
export * from './model';
