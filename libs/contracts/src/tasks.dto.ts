import type { ClockHold, DeadlineFieldsDto, DeadlineStatusDto, SupplementDto } from './deadlines.dto';
import type { DossierStateDto } from './dossiers.dto';
import type { VariablesDto } from './json.dto';
import type { PageQueryDto } from './page.dto';
import type { TaskStatus } from './task-status.dto';

export type TaskKind = 'user' | 'external';
export type FormFieldType = 'string' | 'text' | 'number' | 'boolean' | 'date' | 'enum';

/** A field of a user task's form (`<lt:formField>`), checked when the task is completed. */
export interface FormFieldDto {
  id: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  /** For `enum`: allowed values. */
  options?: string[];
}

/** Multi-instance steps: which instance this is, of how many. */
export interface TaskLoopDto {
  index: number;
  total: number;
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
  loop: TaskLoopDto | null;
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
  /** What holds the dossier's clock paused now (empty while it runs): e.g. waiting for a supplement. */
  dossierHolds: ClockHold[];
  /** The dossier's supplement request still waiting for the applicant (null: none open). */
  supplement: SupplementDto | null;
  /**
   * The last instant the step may ask the applicant for a supplement: SUPPLEMENT_REQUEST_DAYS working
   * days of receipt, or of the last supplement's arrival. Given by GET /tasks/{id} of an open user step.
   */
  supplementUntil?: string | null;
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
  dossier: DossierStateDto;
}

export interface CompleteTaskDto {
  /** External tasks: the worker that fetched and locked it (required while it is locked). */
  workerId?: string;
  variables?: VariablesDto;
}

export interface BpmnErrorDto {
  workerId?: string;
  errorCode: string;
  errorMessage?: string;
  variables?: VariablesDto;
}

export interface AssignTaskDto {
  /** User name of a member of the step's unit; null returns the step to the unit. */
  username: string | null;
}

export interface TaskListQueryDto extends PageQueryDto {
  dossierId?: string;
  unit?: string;
  status?: TaskStatus;
  /** Only the steps assigned to this user name. */
  assignee?: string;
  /** `created` (default): oldest first; `due`: earliest due instant first, steps without one last. */
  order?: 'created' | 'due';
  /** Only the steps of dossiers of this procedure. */
  definitionKey?: string;
  /** With `definitionKey`: only this version of the procedure. */
  definitionVersion?: number;
  /** Only the steps in this deadline status. */
  deadlineStatus?: DeadlineStatusDto;
  /** Only the steps due at or after this instant (ISO 8601). */
  dueFrom?: string;
  /** Only the steps due before this instant (ISO 8601). */
  dueTo?: string;
  /**
   * Search: part of the dossier code, of the applicant's name or of a value of the dossier's variables
   * (e.g. the parcel number), in any case and without diacritics ("nguyen van an" finds "Nguyễn Văn An").
   */
  q?: string;
}

/** `GET /tasks/counts`: the filters of the list but the page, order and those the counts are by. */
export type TaskCountsQueryDto = Omit<TaskListQueryDto, 'limit' | 'cursor' | 'order'>;

/** How many steps of one procedure (and by version) the inbox's filters give. */
export interface TaskProcedureCountDto {
  definitionKey: string;
  procedureName: string;
  count: number;
  versions: Array<{ version: number; count: number }>;
}

/**
 * The numbers of the inbox's filter chips, in the same scope as the list: `byDeadlineStatus` with every
 * filter but the deadline status, `byProcedure` with every filter but the procedure and its version.
 */
export interface TaskCountsDto {
  /** The steps with every filter applied. */
  total: number;
  byDeadlineStatus: Record<DeadlineStatusDto, number>;
  byProcedure: TaskProcedureCountDto[];
}

/** The query parameters a saved filter of the inbox may hold. */
export type SavedFilterQueryDto = Partial<
  Record<
    'definitionKey' | 'definitionVersion' | 'deadlineStatus' | 'dueFrom' | 'dueTo' | 'assignee' | 'q',
    string
  >
>;

/** `POST /me/saved-filters`. */
export interface CreateSavedFilterDto {
  name: string;
  query: SavedFilterQueryDto;
}

/** A filter of the inbox a person saved under a name (theirs only). */
export interface SavedFilterDto {
  id: string;
  name: string;
  query: SavedFilterQueryDto;
  createdAt: string;
}

/** A leader sends the dossier back from this step to an earlier one (trả lại bước trước). */
export interface SendBackDto {
  /** The node id of an earlier user task of the dossier (see GET /tasks/{id}/send-back-targets). */
  targetNodeId: string;
  reason: string;
}

/** An earlier step the dossier can be sent back to. */
export interface SendBackTargetDto {
  nodeId: string;
  name: string | null;
  unit: string | null;
  /** When the step was last completed, and by whom. */
  completedAt: string;
  completedBy: string | null;
}

/** The on-time rate of a unit's steps finished in a calendar month (Vietnam time). */
export interface OnTimeRateDto {
  /** `YYYY-MM`. */
  month: string;
  /** Steps finished (completed) this month that had an allotted time. */
  finished: number;
  early: number;
  onTime: number;
  late: number;
  /** (early + on time) / finished; null when none finished. */
  rate: number | null;
}

/** The leader's page: the unit's open steps by deadline, and its on-time rate this month. */
export interface UnitSummaryDto {
  unit: string;
  /** The engine's instant the figures are computed at. */
  at: string;
  /** Open user tasks of the unit. */
  open: number;
  overdue: number;
  dueSoon: number;
  onTimeRate: OnTimeRateDto;
  /** The overdue and due-soon steps, earliest due first (at most 100 each; the counts are complete). */
  overdueSteps: TaskListItemDto[];
  dueSoonSteps: TaskListItemDto[];
}
