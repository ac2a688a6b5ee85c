export { step, emptyState, activeNodes, assertVariables } from './interpreter';
export { evaluateFeel, toJson } from './feel';
export * from './model';
