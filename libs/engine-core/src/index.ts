export { step, emptyState, activeNodes, assertVariables, sendBackTargets } from './interpreter';
export { evaluateFeel, toJson } from './feel';
export * from './model';
export { proposeMapping, mappingOf, migrateInstance } from './migration';
export type { MappedBy, MappingEntry, MigrationResult, TokenMove } from './migration';
