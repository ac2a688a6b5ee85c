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
  publishedAt: string | null;
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
