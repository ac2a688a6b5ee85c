/**
 * Moving running dossiers from one version of a procedure to another (instance migration): a plan
 * (the proposed mapping of their active steps and the new due dates), then its execution.
 */

/** Which dossiers, from which version to which, and the steps mapped by hand. */
export interface MigrationRequestDto {
  definitionKey: string;
  sourceVersion: number;
  targetVersion: number;
  /** Dossiers (ids) to move; default: the active dossiers of the source version, oldest first, up to `limit`. */
  dossierIds?: string[];
  /** Target element id by source element id; wins over the proposed mapping. */
  mapping?: Record<string, string>;
  /** How many dossiers at most when `dossierIds` is not given (default 1000, at most 10000). */
  limit?: number;
  /**
   * The revision of each dossier the plan showed (`MigrationDossierPlanDto.revision`): a dossier changed
   * since then is not moved (listed as failed). Without it, each dossier moves as it is when executed.
   */
  expectedRevisions?: Record<string, number>;
}

/** How a source element found its target: same id, same name (the only one of its kind), or by hand. */
export type MigrationMappedBy = 'id' | 'name' | 'manual';

export interface MigrationMappingEntryDto {
  source: string;
  sourceName: string | null;
  /** Null: no element was found; it must be mapped by hand. */
  target: string | null;
  targetName: string | null;
  mappedBy: MigrationMappedBy | null;
}

/** An open step of a dossier and where it goes. */
export interface MigrationStepDto {
  taskId: string | null;
  source: string;
  sourceName: string | null;
  target: string | null;
  targetName: string | null;
  dueAt: string | null;
  /** The step's due instant on the target version (same start, the target's allotted time). */
  newDueAt: string | null;
}

export interface MigrationDossierPlanDto {
  id: string;
  code: string;
  revision: number;
  /** The dossier's legal due instant now, and on the target version's legal time limit. */
  dueAt: string | null;
  newDueAt: string | null;
  steps: MigrationStepDto[];
  /** Why it cannot be moved (Vietnamese); empty when it can. */
  problems: string[];
}

export interface MigrationPlanDto {
  definitionKey: string;
  sourceVersion: number;
  targetVersion: number;
  mapping: MigrationMappingEntryDto[];
  /** Source element ids with no target: map them by hand (`mapping`). */
  unmapped: string[];
  dossiers: MigrationDossierPlanDto[];
  /** Active dossiers of the source version in all (the plan may show fewer: `limit`). */
  activeOnSource: number;
  /** The elements of the target version a step can be mapped to (for choosing by hand). */
  targetElements: MigrationElementDto[];
}

export interface MigrationElementDto {
  id: string;
  name: string | null;
  /** The BPMN element kind (`userTask`, `serviceTask`, `subProcess`…): a step maps to one of its own kind. */
  kind: string;
}

/**
 * `skipped`: the dossier was already on the target version (moved by an earlier execution, e.g. a retry
 * with a new key after a lost answer, or another publisher's at the same time): nothing was written.
 */
export type MigrationOutcome = 'migrated' | 'skipped' | 'failed';

export interface MigrationDossierResultDto {
  id: string;
  code: string;
  outcome: MigrationOutcome;
  /** Why it was left as it was (Vietnamese): also for a skipped one ("Hồ sơ đã ở phiên bản 2."). */
  reason: string | null;
  newDueAt: string | null;
}

export interface MigrationResultDto {
  definitionKey: string;
  sourceVersion: number;
  targetVersion: number;
  migrated: number;
  /** Already on the target version: not moved again. */
  skipped: number;
  failed: number;
  dossiers: MigrationDossierResultDto[];
}
