import type { PageQueryDto } from './page.dto';

export type DefinitionStatus = 'draft' | 'published' | 'retired';

export interface DefinitionSummaryDto {
  id: string;
  key: string;
  version: number;
  name: string;
  procedureCode: string | null;
  legalTimeLimit: string | null;
  status: DefinitionStatus;
  checksum: string;
  createdAt: string;
  /** Who deployed the version (null for versions deployed before this was recorded). */
  createdBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  /** Số quyết định công bố (the legal decision that published the version). */
  decisionNumber: string | null;
  /** Ngày quyết định công bố, `YYYY-MM-DD`. */
  decisionDate: string | null;
  /**
   * From this day on (Vietnam time) new dossiers start on this version, `YYYY-MM-DD` (published without
   * one: the day of its publication, and in effect from then on); null for a draft.
   */
  effectiveFrom: string | null;
  retiredAt: string | null;
  /** The version new dossiers of its key start on today (published and in effect, the latest such). */
  inEffect: boolean;
}

/**
 * Publishing a version. The fields are optional in the API (seeding and scripts publish without a
 * body: no decision, in effect from the publication on); the designer's dialog requires the decision.
 */
export interface PublishDefinitionDto {
  decisionNumber?: string;
  /** `YYYY-MM-DD`. */
  decisionDate?: string;
  /** `YYYY-MM-DD`, today (Vietnam time) or later; none: in effect from the publication on. */
  effectiveFrom?: string;
}

/** A version as the versions list of a key shows it. */
export interface DefinitionVersionDto extends DefinitionSummaryDto {
  /** Dossiers running on this version now (status active). */
  runningDossiers: number;
}

export interface DefinitionDto extends DefinitionSummaryDto {
  xml: string;
}

export interface ValidationIssueDto {
  code: string;
  elementId: string | null;
  severity: 'error' | 'warning';
  message: string;
  messageVi: string;
}

export interface DeployResultDto extends DefinitionSummaryDto {
  /** False when the same XML was already the latest version of this key (nothing new was stored). */
  created: boolean;
  warnings: ValidationIssueDto[];
}

/** What validating BPMN XML without deploying it answers. */
export interface ValidationResultDto {
  /** True when it would deploy (no error; warnings allowed). */
  valid: boolean;
  /** The executable process id (the definition key), when there is one. */
  key: string | null;
  issues: ValidationIssueDto[];
}

export interface DefinitionListQueryDto extends PageQueryDto {
  key?: string;
  status?: DefinitionStatus;
}

/**
 * A procedure of the catalogue (`processes/catalogue.json`): the administrative procedure's code in the
 * national database, its name, and the key of the process that runs it.
 */
export interface ProcedureDto {
  /** The process key (executable process id) of the procedure's BPMN. */
  key: string;
  /** Mã thủ tục hành chính (national database of administrative procedures). */
  code: string;
  name: string;
  /** Lĩnh vực, e.g. "Đất đai". */
  field: string | null;
}
