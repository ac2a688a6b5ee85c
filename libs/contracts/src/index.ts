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
  /** The dossier's number in another system (e.g. the national portal); messages may use it as correlationKey. */
  externalRef?: string;
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

export type ClockState = 'none' | 'running' | 'paused';
export type DeadlineStatusDto = 'on_track' | 'due_soon' | 'overdue';
export type OutcomeDto = 'early' | 'on_time' | 'late';

/** Where a legal time limit stands. */
export interface DeadlineFieldsDto {
  /** The due instant in working time; null without a time limit or while the clock is paused. */
  dueAt: string | null;
  clock: ClockState;
  deadlineStatus: DeadlineStatusDto;
  /** Once finished: early (a day before the due day or earlier), on time (on the due day) or late. */
  outcome: OutcomeDto | null;
}

export interface ExtensionDto {
  requestedAt: string;
  previousDueAt: string;
  newDueAt: string;
  reason: string;
  unit: string | null;
  actor: string;
}

export interface DossierSummaryDto extends DeadlineFieldsDto {
  /** The result date promised to the applicant (ngày hẹn trả kết quả): the legal due instant or, after an extension, the new date. */
  appointmentAt: string | null;
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
  /** The legal time limit, counting start (after cut-off or restart), working time left, pause and extension. */
  deadline: {
    legalTimeLimit: string | null;
    countingFrom: string | null;
    remainingWorkingMinutes: number | null;
    pausedAt: string | null;
    calendarVersion: string | null;
    extension: ExtensionDto | null;
  };
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

export interface TaskDto extends DeadlineFieldsDto {
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
  /** Who completed it. */
  completedBy: string | null;
  /** User name of the officer who claimed the step or to whom a leader assigned it. */
  assignee: string | null;
  /** External tasks: the worker holding the lock, until when (null: free). */
  workerId: string | null;
  lockExpiresAt: string | null;
  /** External tasks: retries left, the last failure, and when a failure without retries became an incident. */
  retries: number | null;
  errorMessage: string | null;
  incidentAt: string | null;
  /** Working minutes the step took, paused time excluded (once finished). */
  workedMinutes: number | null;
}

/** A step in a list (the inbox): the task and the procedure of its dossier. */
export interface TaskListItemDto extends TaskDto {
  /** The procedure's key, e.g. `tach-thua-dat`. */
  definitionKey: string;
  /** The name of the procedure's version the dossier runs, e.g. "Tách thửa đất". */
  procedureName: string;
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
  /** The dossier's number in the sender's system (`externalRef` given at receipt). */
  correlationKey?: string;
  variables?: VariablesDto;
  /** The sender's id of this message: the same id is never applied twice. */
  messageId?: string;
  /** How long a message that arrives before the dossier waits for it is kept (default: the engine's MESSAGE_TTL). */
  ttlSeconds?: number;
}

export interface MessageResultDto {
  dossierId: string;
  dossierCode: string;
  /** true: a waiting step took it; false: the dossier does not wait for it yet, and it is kept until `expiresAt`. */
  correlated: boolean;
  buffered: boolean;
  expiresAt: string | null;
}

export interface DeadlineEventDto {
  id: string;
  at: string;
  kind: 'paused' | 'resumed' | 'restarted' | 'extended' | 'recomputed' | 'due_soon' | 'overdue';
  taskId: string | null;
  reason: string | null;
  actor: string | null;
  workingMinutes: number | null;
  previousDueAt: string | null;
  newDueAt: string | null;
  calendarVersion: string | null;
}

/** Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over of the dossier. */
export interface ControlSheetDto {
  dossier: {
    id: string;
    code: string;
    procedureName: string;
    applicant: ApplicantDto;
    receivedAt: string;
    receivingUnit: string;
    legalTimeLimit: string | null;
    dueAt: string | null;
    appointmentAt: string | null;
    finishedAt: string | null;
    outcome: OutcomeDto | null;
    extension: ExtensionDto | null;
  };
  steps: Array<{
    taskId: string;
    nodeId: string;
    name: string | null;
    unit: string | null;
    officer: string | null;
    receivedAt: string;
    dueAt: string | null;
    finishedAt: string | null;
    allottedTime: string | null;
    workedMinutes: number | null;
    outcome: OutcomeDto | null;
    status: TaskStatus;
  }>;
  events: DeadlineEventDto[];
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
