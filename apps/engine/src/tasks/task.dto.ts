import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type * as C from '@lienthong/contracts';
import { enumOf } from '../common/http/api-enum.util';
import { PageQuery } from '../common/pagination';
import { CLOCK_HOLDS, DEADLINE_STATUSES, DeadlineFields, SupplementDto } from '../deadlines/deadlines.dto';
import { DossierStateDto, VARIABLES_SCHEMA } from '../dossiers/dossier.dto';

export const TASK_STATUSES = enumOf<C.TaskStatus>({ active: true, completed: true, cancelled: true });
const TASK_KINDS = enumOf<C.TaskKind>({ user: true, external: true });
const FORM_FIELD_TYPES = enumOf<C.FormFieldType>({
  string: true,
  text: true,
  number: true,
  boolean: true,
  date: true,
  enum: true,
});

export class CompleteTaskBody implements C.CompleteTaskDto {
  @ApiPropertyOptional({
    example: 'thue-worker-1',
    description: 'External tasks: the worker that fetched and locked it (required while it is locked)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workerId?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { result: 'eligible' } })
  @IsOptional()
  @IsObject()
  variables?: C.VariablesDto;
}

export class BpmnErrorBody implements C.BpmnErrorDto {
  @ApiPropertyOptional({ example: 'thue-worker-1' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workerId?: string;

  @ApiProperty({ example: 'TAX_SYSTEM_DOWN' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  errorCode!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  errorMessage?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  variables?: C.VariablesDto;
}

/** The filters of the inbox's list and of its counts. */
export class TaskFilterQuery implements C.TaskCountsQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;

  @ApiPropertyOptional({ example: 'DTP-VPDK-CL' })
  @IsOptional()
  @IsString()
  unit?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES, enumName: 'TaskStatus' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: C.TaskStatus;

  @ApiPropertyOptional({
    example: 'cv.vpdk',
    description: 'Only the steps assigned to this user name; `me`: to the caller; `unassigned`: to nobody',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  assignee?: string;

  @ApiPropertyOptional({ example: 'tach-thua-dat', description: 'Only the steps of this procedure' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  definitionKey?: string;

  @ApiPropertyOptional({ example: 2, description: 'With definitionKey: only this version of it' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  definitionVersion?: number;

  @ApiPropertyOptional({ enum: DEADLINE_STATUSES, enumName: 'DeadlineStatus' })
  @IsOptional()
  @IsIn(DEADLINE_STATUSES)
  deadlineStatus?: C.DeadlineStatusDto;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only the steps due at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only the steps due before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueTo?: string;

  @ApiPropertyOptional({
    example: 'nguyen van an',
    description:
      "Search: part of the dossier code, of the applicant's name or id number, or of a value of the dossier's " +
      'variables (e.g. the parcel number), in any case, with or without diacritics',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class TaskListQuery
  extends IntersectionType(PageQuery, TaskFilterQuery)
  implements C.TaskListQueryDto
{
  @ApiPropertyOptional({
    enum: ['created', 'due'],
    default: 'created',
    description: '`created`: oldest first; `due`: earliest due instant first (steps without one last)',
  })
  @IsOptional()
  @IsIn(['created', 'due'])
  order?: 'created' | 'due';
}

export class AssignTaskBody implements C.AssignTaskDto {
  @ApiProperty({
    type: String,
    example: 'cv.vpdk',
    nullable: true,
    description: "User name of a member of the step's unit; null returns the step to the unit",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  username!: string | null;
}

export class SendBackBody implements C.SendBackDto {
  @ApiProperty({
    example: 'tham-dinh',
    description: 'An earlier user task (GET /tasks/{id}/send-back-targets)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  targetNodeId!: string;

  @ApiProperty({ example: 'Biên bản thẩm định chưa có chữ ký của tổ thẩm định' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class ExternalTaskListQuery extends PageQuery implements C.ExternalTaskListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;

  @ApiPropertyOptional({ example: 'tax-assessment' })
  @IsOptional()
  @IsString()
  topic?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES, enumName: 'TaskStatus' })
  @IsOptional()
  @IsIn(TASK_STATUSES)
  status?: C.TaskStatus;
}

export class FetchTopicBody implements C.FetchTopicDto {
  @ApiProperty({ example: 'tax-assessment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  topicName!: string;

  @ApiProperty({ example: 60000, description: 'Milliseconds the tasks stay locked for this worker' })
  @IsInt()
  @Min(1000)
  @Max(7 * 24 * 3_600_000)
  lockDuration!: number;
}

export class FetchAndLockBody implements C.FetchAndLockDto {
  @ApiProperty({ example: 'thue-worker-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  workerId!: string;

  @ApiProperty({ example: 10 })
  @IsInt()
  @Min(1)
  @Max(500)
  maxTasks!: number;

  @ApiProperty({ type: [FetchTopicBody] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FetchTopicBody)
  topics!: FetchTopicBody[];

  @ApiPropertyOptional({
    example: 20000,
    description: 'Long polling: wait up to this many ms (max 300000) for a task',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(300_000)
  asyncResponseTimeout?: number;
}

export class FailureBody implements C.FailureDto {
  @ApiProperty({ example: 'thue-worker-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  workerId!: string;

  @ApiPropertyOptional({ example: 'Hệ thống thuế không phản hồi' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  errorMessage?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  errorDetails?: string;

  @ApiProperty({ example: 2, description: 'Retries left; 0 raises an incident' })
  @IsInt()
  @Min(0)
  @Max(1000)
  retries!: number;

  @ApiPropertyOptional({ example: 30000, description: 'Milliseconds before the task may be fetched again' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3_600_000)
  retryTimeout?: number;
}

export class ExtendLockBody implements C.ExtendLockDto {
  @ApiProperty({ example: 'thue-worker-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  workerId!: string;

  @ApiProperty({ example: 60000, description: 'New lock duration from now, ms' })
  @IsInt()
  @Min(1000)
  @Max(7 * 24 * 3_600_000)
  newDuration!: number;
}

export class RetryIncidentBody implements C.RetryIncidentDto {
  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(1000)
  retries!: number;
}

export class IncidentListQuery implements C.IncidentListQueryDto {
  @ApiPropertyOptional({ example: 'DTP-THUE-1' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;
}

// ---------------------------------------------------------------------------------------------
// Responses

export class FormFieldDto implements C.FormFieldDto {
  @ApiProperty({ example: 'result' })
  id!: string;

  @ApiProperty({ example: 'Kết quả thẩm định' })
  label!: string;

  @ApiProperty({ enum: FORM_FIELD_TYPES, enumName: 'FormFieldType' })
  type!: C.FormFieldType;

  @ApiProperty()
  required!: boolean;

  @ApiPropertyOptional({ type: [String], description: 'For enum: the allowed values' })
  options?: string[];
}

export class TaskLoopDto implements C.TaskLoopDto {
  @ApiProperty({ example: 0 })
  index!: number;

  @ApiProperty({ example: 3 })
  total!: number;
}

export class TaskDto extends DeadlineFields implements C.TaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  dossierId!: string;

  @ApiProperty({ example: '000.00.02.H20-261122-0001' })
  dossierCode!: string;

  @ApiProperty({ example: 'tham-dinh' })
  nodeId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Thẩm định hồ sơ' })
  name!: string | null;

  @ApiProperty({ enum: TASK_KINDS, enumName: 'TaskKind' })
  kind!: C.TaskKind;

  @ApiProperty({ enum: TASK_STATUSES, enumName: 'TaskStatus' })
  status!: C.TaskStatus;

  @ApiProperty({ type: String, nullable: true, example: 'DTP-VPDK-CL' })
  unit!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'officer' })
  candidateRole!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2d' })
  allottedTime!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'External tasks: the topic agency systems fetch it by',
  })
  topic!: string | null;

  @ApiProperty({ type: [FormFieldDto] })
  form!: FormFieldDto[];

  @ApiProperty({
    type: TaskLoopDto,
    nullable: true,
    description: 'Multi-instance steps: which instance, of how many',
  })
  loop!: TaskLoopDto | null;

  @ApiProperty(VARIABLES_SCHEMA)
  localVariables!: C.VariablesDto;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completedAt!: string | null;

  @ApiProperty({
    ...VARIABLES_SCHEMA,
    nullable: true,
    description: 'Variables given when the task was completed',
  })
  result!: C.VariablesDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who completed it' })
  completedBy!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'User name of the officer who claimed the step or to whom a leader assigned it',
  })
  assignee!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'External tasks: the worker holding the lock' })
  workerId!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until when (null: free)' })
  lockExpiresAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'External tasks: retries left' })
  retries!: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'External tasks: the last failure' })
  errorMessage!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When a failure without retries left made it an incident',
  })
  incidentAt!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Working minutes the step took, paused time excluded (once finished)',
  })
  workedMinutes!: number | null;

  @ApiProperty({
    enum: CLOCK_HOLDS,
    enumName: 'ClockHold',
    isArray: true,
    description: "What holds the dossier's clock paused now (empty: running), e.g. a supplement request",
  })
  dossierHolds!: C.ClockHold[];

  @ApiProperty({
    type: SupplementDto,
    nullable: true,
    description: "The dossier's supplement request still waiting for the applicant",
  })
  supplement!: SupplementDto | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'The last instant the step may ask for a supplement (SUPPLEMENT_REQUEST_DAYS working days of receipt, or of ' +
      "the last supplement's arrival; later: 422 supplement-too-late). Only in GET /tasks/{id} of an open user step.",
  })
  supplementUntil?: string | null;
}

/** What completing a task answers: the task, and where its dossier stands now. */
export class TaskListItemDto extends TaskDto implements C.TaskListItemDto {
  @ApiProperty({ example: 'tach-thua-dat' })
  definitionKey!: string;

  @ApiProperty({ example: 'Tách thửa hoặc hợp thửa đất' })
  procedureName!: string;
}

export class TaskCompletionDto extends TaskDto implements C.TaskCompletionDto {
  @ApiProperty({ type: DossierStateDto })
  dossier!: DossierStateDto;
}

export class LockedTaskDto implements C.LockedTaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'tax-assessment' })
  topicName!: string;

  @ApiProperty({ example: 'thue-worker-1' })
  workerId!: string;

  @ApiProperty({ format: 'date-time' })
  lockExpiresAt!: string;

  @ApiProperty({ format: 'uuid' })
  dossierId!: string;

  @ApiProperty({ example: '000.00.02.H20-261122-0001' })
  dossierCode!: string;

  @ApiProperty({ example: 'tach-thua-dat' })
  definitionKey!: string;

  @ApiProperty({ example: 'xac-dinh-nghia-vu-tai-chinh' })
  nodeId!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'DTP-THUE-1' })
  unit!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  retries!: number | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    ...VARIABLES_SCHEMA,
    description: "The dossier's variables, with the step's local ones over them",
  })
  variables!: C.VariablesDto;
}

export class SendBackTargetDto implements C.SendBackTargetDto {
  @ApiProperty({ example: 'tham-dinh' })
  nodeId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Thẩm định hồ sơ' })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'DTP-VPDK-CL' })
  unit!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the step was last completed' })
  completedAt!: string;

  @ApiProperty({ type: String, nullable: true, example: 'cv.vpdk' })
  completedBy!: string | null;
}

export class OnTimeRateDto implements C.OnTimeRateDto {
  @ApiProperty({ example: '2026-12' })
  month!: string;

  @ApiProperty({ description: 'Steps completed this month (Vietnam time) that had an allotted time' })
  finished!: number;

  @ApiProperty()
  early!: number;

  @ApiProperty()
  onTime!: number;

  @ApiProperty()
  late!: number;

  @ApiProperty({ type: Number, nullable: true, example: 0.92, description: '(early + on time) / finished' })
  rate!: number | null;
}

export class UnitSummaryDto implements C.UnitSummaryDto {
  @ApiProperty({ example: 'DTP-VPDK-CL' })
  unit!: string;

  @ApiProperty({ format: 'date-time', description: "The engine's instant the figures are computed at" })
  at!: string;

  @ApiProperty({ description: 'Open user tasks of the unit' })
  open!: number;

  @ApiProperty()
  overdue!: number;

  @ApiProperty()
  dueSoon!: number;

  @ApiProperty({ type: OnTimeRateDto })
  onTimeRate!: OnTimeRateDto;

  @ApiProperty({ type: [TaskListItemDto], description: 'Earliest due first, at most 100' })
  overdueSteps!: TaskListItemDto[];

  @ApiProperty({ type: [TaskListItemDto], description: 'Earliest due first, at most 100' })
  dueSoonSteps!: TaskListItemDto[];
}

export class TaskVersionCountDto {
  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ example: 12 })
  count!: number;
}

export class TaskProcedureCountDto implements C.TaskProcedureCountDto {
  @ApiProperty({ example: 'tach-thua-dat' })
  definitionKey!: string;

  @ApiProperty({ example: 'Tách thửa hoặc hợp thửa đất' })
  procedureName!: string;

  @ApiProperty({ example: 12 })
  count!: number;

  @ApiProperty({ type: [TaskVersionCountDto], description: 'Newest version first' })
  versions!: TaskVersionCountDto[];
}

export class TaskDeadlineStatusCountsDto implements Record<C.DeadlineStatusDto, number> {
  @ApiProperty({ example: 9 })
  on_track!: number;

  @ApiProperty({ example: 2 })
  due_soon!: number;

  @ApiProperty({ example: 1 })
  overdue!: number;
}

export class TaskCountsDto implements C.TaskCountsDto {
  @ApiProperty({ example: 12, description: 'The steps with every filter applied' })
  total!: number;

  @ApiProperty({
    type: TaskDeadlineStatusCountsDto,
    description: 'With every filter but the deadline status',
  })
  byDeadlineStatus!: TaskDeadlineStatusCountsDto;

  @ApiProperty({
    type: [TaskProcedureCountDto],
    description: 'With every filter but the procedure and version; most steps first',
  })
  byProcedure!: TaskProcedureCountDto[];
}
