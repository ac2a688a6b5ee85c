import type {
  ClockHold,
  DeadlineEventDto,
  DeadlineFieldsDto,
  ExtensionDto,
  OutcomeDto,
  SupplementDto,
} from './deadlines.dto';
import type { JsonValue, VariablesDto } from './json.dto';
import type { PageQueryDto } from './page.dto';
import type { TaskStatus } from './task-status.dto';

/** `refused`: not received at the desk (DVCQG status 3): no process ran; not counted as received. */
export type DossierStatus = 'active' | 'completed' | 'cancelled' | 'refused' | 'stopped';
export type DossierChannel = 'desk' | 'online' | 'postal';

/** Who files a dossier: a person (công dân) or an organisation (tổ chức, doanh nghiệp). */
export type ApplicantKind = 'person' | 'organisation';

export interface ApplicantDto {
  kind?: ApplicantKind;
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
  channel?: DossierChannel;
  /** The dossier's number in another system (e.g. the national portal); messages may use it as correlationKey. */
  externalRef?: string;
}

export interface CancelDossierDto {
  reason?: string;
}

/**
 * Dừng giải quyết hồ sơ (Thông báo dừng giải quyết hồ sơ): the agency handling the dossier stops it,
 * e.g. not supplemented within 15 working days (Decree 297/2025). The reason is required.
 */
export interface StopDossierDto {
  reason: string;
  /** The legal basis cited on the notice (decree, article). */
  basis?: string;
}

export interface DossierListQueryDto extends PageQueryDto {
  status?: DossierStatus;
  definitionKey?: string;
  receivingUnit?: string;
  /** Part of the dossier's code, any case (`0001`, `h20-261203`). */
  code?: string;
  /** Part of the applicant's name, any case (accents must match: a plain ILIKE). */
  applicant?: string;
}

/**
 * Refusal to receive (Phiếu từ chối tiếp nhận giải quyết hồ sơ): the dossier is recorded with status
 * `refused` and its own code, no process runs.
 */
export interface RefuseDossierDto {
  definitionKey: string;
  applicant: ApplicantDto;
  channel?: DossierChannel;
  receivingUnit?: string;
  /** Why it is not received, one reason a line (at least one). */
  reasons: string[];
}

/** Supplement guidance at reception (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ): everything missing, once. */
export interface CreateReceptionGuidanceDto {
  definitionKey: string;
  applicant: ApplicantDto;
  receivingUnit?: string;
  /** Each paper missing or to complete, with its reason (at least one). */
  items: string[];
  /** Who to contact about it (the desk's phone, the officer). */
  contact?: string;
}

/** A supplement guidance given at the desk: not a received dossier, kept to be printed and found again. */
export interface ReceptionGuidanceDto {
  id: string;
  /** `HD-<unit e-identifier>-YYMMDD-XXXX`. */
  code: string;
  definitionKey: string;
  procedureName: string;
  receivingUnit: string;
  applicant: ApplicantDto;
  items: string[];
  contact: string | null;
  createdBy: string;
  createdAt: string;
}

export interface ReceptionGuidanceListQueryDto extends PageQueryDto {
  /** Part of the guidance's code or of the applicant's name, any case. */
  q?: string;
}

/** A dossier whose result waits at the caller's desk: its last step, a user task of reception. */
export interface AwaitingReturnDto {
  dossier: DossierSummaryDto;
  taskId: string;
  stepName: string | null;
  /** When the result arrived at the desk (the step was created). */
  waitingSince: string;
}

export interface AwaitingReturnQueryDto extends PageQueryDto {
  /** Part of the dossier's code or of the applicant's name, any case. */
  q?: string;
}

/** Returning the result (the dossier's last step at the desk): who collected it. */
export interface ReturnResultDto {
  /** Who collected the result: the applicant or the person they authorised. */
  collectorName: string;
  /** Their CCCD (or passport) number. */
  collectorIdNumber?: string;
  /** `applicant`, or how the collector stands to the applicant (e.g. "người được ủy quyền"). */
  relation?: string;
  note?: string;
}

/** The collector as recorded in the dossier's variables (`resultCollector`) by the return step. */
export interface ResultCollectorDto extends ReturnResultDto {
  collectedAt: string;
  /** The desk officer who returned it. */
  returnedBy: string;
}

/** What the dossier view's diagram marks: finished, current and late elements of its version. */
export interface DossierPathDto {
  definitionKey: string;
  definitionVersion: number;
  /** The BPMN XML of the dossier's version. */
  bpmnXml: string;
  /** Elements the dossier passed through (completed nodes and taken sequence flows). */
  finishedIds: string[];
  /** Elements it waits at now. */
  activeIds: string[];
  /** Steps finished late or overdue now. */
  lateIds: string[];
}

/** A variable set on the dossier: by whom, when and at which step. */
export interface VariableChangeDto {
  at: string;
  name: string;
  value: JsonValue;
  nodeId: string | null;
  nodeName: string | null;
  actor: string | null;
  /** `reception`: given when the dossier was received; `step`: a completed step's answer. */
  source: 'reception' | 'step';
}

export type WaitingFor =
  'task' | 'message' | 'timer' | 'subProcess' | 'callActivity' | 'multiInstance' | 'join';

export interface ActiveStepDto {
  nodeId: string;
  name: string | null;
  /** What the dossier waits for there. */
  waitingFor: WaitingFor;
  taskId?: string;
  messageName?: string;
  unit?: string | null;
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
  channel: DossierChannel;
  parentId: string | null;
  createdAt: string;
  endedAt: string | null;
}

/** The legal time limit, counting start (after cut-off or restart), working time left, pause and extension. */
export interface DossierDeadlineDto {
  legalTimeLimit: string | null;
  countingFrom: string | null;
  remainingWorkingMinutes: number | null;
  pausedAt: string | null;
  calendarVersion: string | null;
  extension: ExtensionDto | null;
  /** What holds the clock paused (empty while it runs). */
  holds: ClockHold[];
  /** The last supplement request, answered or not (null: none was made). */
  supplement: SupplementDto | null;
}

/** How a dossier ended. */
export interface DossierResultDto {
  endEventId?: string;
  terminated?: boolean;
  errorCode?: string;
  reason?: string;
  /** A stopped dossier: the legal basis given with the reason. */
  basis?: string;
}

export interface DossierDto extends DossierSummaryDto {
  variables: VariablesDto;
  deadline: DossierDeadlineDto;
  activeSteps: ActiveStepDto[];
  result: DossierResultDto | null;
  /** Optimistic-lock version: increases with every command applied. */
  revision: number;
}

/** Where a dossier stands after a command on one of its tasks. */
export type DossierStateDto = Pick<
  DossierDto,
  'id' | 'code' | 'status' | 'revision' | 'activeSteps' | 'result'
>;

export interface HistoryEventDto {
  /** `<row>.<n>`: the n-th event of the history row its command wrote (one row per command). */
  id: string;
  at: string;
  type: string;
  nodeId: string | null;
  taskId: string | null;
  actor: string | null;
  data: VariablesDto | null;
}

/** The dossier as its control sheet shows it. */
export interface ControlSheetDossierDto {
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
}

/** One hand-over of the dossier on its control sheet. */
export interface ControlSheetStepDto {
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
}

/** Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over of the dossier. */
export interface ControlSheetDto {
  dossier: ControlSheetDossierDto;
  steps: ControlSheetStepDto[];
  events: DeadlineEventDto[];
}
