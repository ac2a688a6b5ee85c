/**
 * Shapes of the REST API (`/api/v1`), shared by the engine and the web apps. Instants are ISO 8601
 * strings in UTC; the UIs show them in Vietnam time.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type VariablesDto = Record<string, JsonValue>;

/** RFC 7807 problem details, as every 4xx/5xx answer carries. */
export interface ProblemDto {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: Array<{
    path?: string;
    elementId?: string | null;
    message: string;
    messageVi?: string;
    code?: string;
  }>;
}

export interface PageDto<T> {
  items: T[];
  /** Opaque; pass as `cursor` to get the next page. Null on the last page. */
  nextCursor: string | null;
}

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

export type DossierStatus = 'active' | 'completed' | 'cancelled';

export interface ApplicantDto {
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
  [key: string]: JsonValue | undefined;
}

export interface CreateDossierDto {
  definitionKey: string;
  applicant: ApplicantDto;
  variables?: VariablesDto;
  /** Unit code of the desk that receives the dossier; defaults to the process's `lt:receivingUnit`. */
  receivingUnit?: string;
  channel?: 'desk' | 'online' | 'postal';
}

export interface ActiveStepDto {
  nodeId: string;
  name: string | null;
  /** What the dossier waits for there. */
  waitingFor: 'task' | 'message' | 'timer' | 'subProcess' | 'callActivity' | 'multiInstance' | 'join';
  taskId?: string;
  messageName?: string;
  unit?: string | null;
}

export interface DossierSummaryDto {
  id: string;
  code: string;
  definitionKey: string;
  definitionVersion: number;
  procedureName: string;
  status: DossierStatus;
  receivingUnit: string;
  applicant: ApplicantDto;
  channel: 'desk' | 'online' | 'postal';
  parentId: string | null;
  createdAt: string;
  endedAt: string | null;
}

export interface DossierDto extends DossierSummaryDto {
  variables: VariablesDto;
  activeSteps: ActiveStepDto[];
  result: { endEventId?: string; terminated?: boolean; errorCode?: string; reason?: string } | null;
  /** Optimistic-lock version: increases with every command applied. */
  revision: number;
}

export type TaskKind = 'user' | 'external';
export type TaskStatus = 'active' | 'completed' | 'cancelled';

export interface FormFieldDto {
  id: string;
  label: string;
  type: 'string' | 'text' | 'number' | 'boolean' | 'date' | 'enum';
  required: boolean;
  options?: string[];
}

export interface TaskDto {
  id: string;
  dossierId: string;
  dossierCode: string;
  nodeId: string;
  name: string | null;
  kind: TaskKind;
  status: TaskStatus;
  unit: string | null;
  candidateRole: string | null;
  allottedTime: string | null;
  topic: string | null;
  form: FormFieldDto[];
  loop: { index: number; total: number } | null;
  localVariables: VariablesDto;
  createdAt: string;
  completedAt: string | null;
  /** Variables given when the task was completed. */
  result: VariablesDto | null;
}

/** What completing a task answers: the task, and where its dossier stands now (so no second request is needed). */
export interface TaskCompletionDto extends TaskDto {
  dossier: Pick<DossierDto, 'id' | 'code' | 'status' | 'revision' | 'activeSteps' | 'result'>;
}

export interface CompleteTaskDto {
  variables?: VariablesDto;
}

export interface BpmnErrorDto {
  errorCode: string;
  errorMessage?: string;
  variables?: VariablesDto;
}

export interface MessageDto {
  name: string;
  dossierId?: string;
  dossierCode?: string;
  variables?: VariablesDto;
}

export interface MessageResultDto {
  dossierId: string;
  dossierCode: string;
  correlated: true;
}

export interface HistoryEventDto {
  id: string;
  at: string;
  type: string;
  nodeId: string | null;
  taskId: string | null;
  actor: string | null;
  data: VariablesDto | null;
}
