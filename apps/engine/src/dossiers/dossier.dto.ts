import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type * as C from '@lienthong/contracts';
import { enumOf } from '../common/http/api-enum.util';
import { PageQuery } from '../common/pagination';
import { CLOCK_HOLDS, DeadlineFields, ExtensionDto, SupplementDto } from '../deadlines/deadlines.dto';

export const DOSSIER_STATUSES = enumOf<C.DossierStatus>({
  active: true,
  completed: true,
  cancelled: true,
  refused: true,
  stopped: true,
});
const CHANNELS = enumOf<C.DossierChannel>({ desk: true, online: true, postal: true });
const WAITING_FOR = enumOf<C.WaitingFor>({
  task: true,
  message: true,
  timer: true,
  subProcess: true,
  callActivity: true,
  multiInstance: true,
  join: true,
});
/** Variables: any JSON object. */
export const VARIABLES_SCHEMA = { type: 'object', additionalProperties: true } as const;

const APPLICANT_KINDS: readonly C.ApplicantKind[] = ['person', 'organisation'];

export class ApplicantBody implements C.ApplicantDto {
  [key: string]: string | undefined;

  @ApiPropertyOptional({
    enum: APPLICANT_KINDS,
    enumName: 'ApplicantKind',
    description:
      'A person (công dân) or an organisation (tổ chức: idNumber is then its enterprise or tax code)',
  })
  @IsOptional()
  @IsIn(APPLICANT_KINDS)
  kind?: C.ApplicantKind;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '087090001234', description: 'Citizen identity number (CCCD)' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{9,12}$/, { message: 'idNumber must be 9 to 12 digits' })
  idNumber?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: 'Ấp 3, xã Mỹ Thọ, tỉnh Đồng Tháp' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

/** What the desk fills in first, whatever it then does: the procedure, the applicant, its own unit. */
export class ReceptionSubjectBody {
  @ApiProperty({ example: 'tach-thua-dat', description: 'Key of a procedure with a published version' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  definitionKey!: string;

  @ApiProperty({ type: ApplicantBody })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantBody)
  applicant!: ApplicantBody;

  @ApiPropertyOptional({ example: 'DTP-TTHCC', description: "Defaults to the process's lt:receivingUnit" })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  receivingUnit?: string;
}

export class CreateDossierBody extends ReceptionSubjectBody implements C.CreateDossierDto {
  @ApiPropertyOptional({
    example: 'G22.99-250301-000123',
    description: "The dossier's number in another system (e.g. the national portal)",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  externalRef?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { parcel: { number: 123, sheet: 45, area: 250.5 } },
  })
  @IsOptional()
  @IsObject()
  variables?: C.VariablesDto;

  @ApiPropertyOptional({ enum: CHANNELS, enumName: 'DossierChannel', default: 'desk' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: C.DossierChannel;
}

export class CancelDossierBody implements C.CancelDossierDto {
  @ApiPropertyOptional({ example: 'Công dân rút hồ sơ' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class StopDossierBody implements C.StopDossierDto {
  @ApiProperty({ example: 'Công dân không bổ sung hồ sơ trong thời hạn 15 ngày làm việc' })
  @IsString({ message: 'give the reason for stopping' })
  @Matches(/\S/, { message: 'give the reason for stopping' })
  @MaxLength(1000)
  reason!: string;

  @ApiPropertyOptional({ example: 'Nghị định 297/2025/NĐ-CP' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  basis?: string;
}

export class DossierListQuery extends PageQuery implements C.DossierListQueryDto {
  @ApiPropertyOptional({ enum: DOSSIER_STATUSES, enumName: 'DossierStatus' })
  @IsOptional()
  @IsIn(DOSSIER_STATUSES)
  status?: C.DossierStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  definitionKey?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  receivingUnit?: string;

  @ApiPropertyOptional({ description: "Part of the dossier's code, any case", example: '261203-0001' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  code?: string;

  @ApiPropertyOptional({
    description:
      "Part of the applicant's name, any case, with or without diacritics (as the inbox's search: 'nguyen van' finds 'Nguyễn Văn')",
    example: 'nguyen van',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  applicant?: string;
}

const REASON = { each: true, message: 'each reason must be a non-empty text of at most 1000 characters' };

export class RefuseDossierBody extends ReceptionSubjectBody implements C.RefuseDossierDto {
  @ApiPropertyOptional({ enum: CHANNELS, enumName: 'DossierChannel', default: 'desk' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: C.DossierChannel;

  @ApiProperty({
    type: [String],
    example: ['Thửa đất đang có tranh chấp, không đủ điều kiện tách thửa'],
    description: 'Why the dossier is not received (at least one)',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'give at least one reason' })
  @ArrayMaxSize(20)
  @IsString(REASON)
  @Matches(/\S/, REASON)
  @MaxLength(1000, REASON)
  reasons!: string[];
}

export class CreateReceptionGuidanceBody
  extends ReceptionSubjectBody
  implements C.CreateReceptionGuidanceDto
{
  @ApiProperty({
    type: [String],
    example: ['Bản vẽ trích đo địa chính thửa đất: chưa có chữ ký của người sử dụng đất'],
    description: 'Every paper missing or to complete, with its reason (at least one)',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'give at least one item' })
  @ArrayMaxSize(50)
  @IsString({ each: true, message: 'each item must be a non-empty text of at most 1000 characters' })
  @Matches(/\S/, { each: true, message: 'each item must be a non-empty text of at most 1000 characters' })
  @MaxLength(1000, { each: true, message: 'each item must be a non-empty text of at most 1000 characters' })
  items!: string[];

  @ApiPropertyOptional({ example: 'Bộ phận Một cửa, điện thoại 0277 3851 234' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  contact?: string;
}

export class AwaitingReturnQuery extends PageQuery implements C.AwaitingReturnQueryDto {
  @ApiPropertyOptional({
    description:
      "Part of the dossier's code, of the applicant's name or id number or of a variable's value, any case, with or without diacritics (the inbox's search)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ReturnResultBody implements C.ReturnResultDto {
  @ApiProperty({ example: 'Nguyễn Văn An', description: 'Who collected the result' })
  @IsString()
  @Matches(/\S/, { message: 'collectorName is required' })
  @MaxLength(200)
  collectorName!: string;

  @ApiPropertyOptional({ example: '087090001234', description: 'Their CCCD or passport number' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Z]{6,12}$/, { message: 'collectorIdNumber must be 6 to 12 digits or capital letters' })
  collectorIdNumber?: string;

  @ApiPropertyOptional({ example: 'Người được ủy quyền' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  relation?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ReceptionGuidanceListQuery extends PageQuery implements C.ReceptionGuidanceListQueryDto {
  @ApiPropertyOptional({
    description: "Part of the code or of the applicant's name, any case, with or without diacritics",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

// ---------------------------------------------------------------------------------------------
// Responses

export class ActiveStepDto implements C.ActiveStepDto {
  @ApiProperty({ example: 'tham-dinh' })
  nodeId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Thẩm định hồ sơ' })
  name!: string | null;

  @ApiProperty({ enum: WAITING_FOR, enumName: 'WaitingFor', description: 'What the dossier waits for there' })
  waitingFor!: C.WaitingFor;

  @ApiPropertyOptional({ format: 'uuid' })
  taskId?: string;

  @ApiPropertyOptional({ example: 'payment-confirmed' })
  messageName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'DTP-VPDK-CL' })
  unit?: string | null;
}

export class DossierSummaryDto extends DeadlineFields implements C.DossierSummaryDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'The result date promised to the applicant (ngày hẹn trả kết quả): the legal due instant or, after an extension, the new date',
  })
  appointmentAt!: string | null;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '000.00.02.H20-261122-0001' })
  code!: string;

  @ApiProperty({ example: 'tach-thua-dat' })
  definitionKey!: string;

  @ApiProperty({ example: 2 })
  definitionVersion!: number;

  @ApiProperty({ example: 'Tách thửa hoặc hợp thửa đất' })
  procedureName!: string;

  @ApiProperty({ enum: DOSSIER_STATUSES, enumName: 'DossierStatus' })
  status!: C.DossierStatus;

  @ApiProperty({ example: 'DTP-TTHCC' })
  receivingUnit!: string;

  @ApiProperty({ type: ApplicantBody })
  applicant!: ApplicantBody;

  @ApiProperty({ enum: CHANNELS, enumName: 'DossierChannel' })
  channel!: C.DossierChannel;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The calling dossier (sub-procedures)',
  })
  parentId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: string | null;
}

export class DossierDeadlineDto implements C.DossierDeadlineDto {
  @ApiProperty({ type: String, nullable: true, example: '12d' })
  legalTimeLimit!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'After cut-off or restart' })
  countingFrom!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  remainingWorkingMinutes!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  pausedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  calendarVersion!: string | null;

  @ApiProperty({ type: ExtensionDto, nullable: true })
  extension!: ExtensionDto | null;

  @ApiProperty({
    enum: CLOCK_HOLDS,
    enumName: 'ClockHold',
    isArray: true,
    description: 'What holds the clock paused: a supplement request, an officer, a step (empty: running)',
  })
  holds!: C.ClockHold[];

  @ApiProperty({ type: SupplementDto, nullable: true, description: 'The last supplement request' })
  supplement!: SupplementDto | null;
}

export class DossierResultDto implements C.DossierResultDto {
  @ApiPropertyOptional()
  endEventId?: string;

  @ApiPropertyOptional()
  terminated?: boolean;

  @ApiPropertyOptional()
  errorCode?: string;

  @ApiPropertyOptional()
  reason?: string;

  @ApiPropertyOptional({ description: 'A stopped dossier: the legal basis given with the reason' })
  basis?: string;
}

export class DossierDto extends DossierSummaryDto implements C.DossierDto {
  @ApiProperty(VARIABLES_SCHEMA)
  variables!: C.VariablesDto;

  @ApiProperty({ type: DossierDeadlineDto })
  deadline!: DossierDeadlineDto;

  @ApiProperty({ type: [ActiveStepDto] })
  activeSteps!: ActiveStepDto[];

  @ApiProperty({ type: DossierResultDto, nullable: true, description: 'How it ended (null while active)' })
  result!: DossierResultDto | null;

  @ApiProperty({ description: 'Optimistic-lock version: increases with every command applied' })
  revision!: number;
}

/** Where a dossier stands after a command on one of its tasks. */
export class DossierStateDto implements C.DossierStateDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '000.00.02.H20-261122-0001' })
  code!: string;

  @ApiProperty({ enum: DOSSIER_STATUSES, enumName: 'DossierStatus' })
  status!: C.DossierStatus;

  @ApiProperty()
  revision!: number;

  @ApiProperty({ type: [ActiveStepDto] })
  activeSteps!: ActiveStepDto[];

  @ApiProperty({ type: DossierResultDto, nullable: true })
  result!: DossierResultDto | null;
}

export class HistoryEventDto implements C.HistoryEventDto {
  @ApiProperty({
    example: '1042.2',
    description: "The event's id, `<row>.<n>`: the n-th event of the history row its command wrote",
  })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'task.completed' })
  type!: string;

  @ApiProperty({ type: String, nullable: true })
  nodeId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  taskId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  actor!: string | null;

  @ApiProperty({ ...VARIABLES_SCHEMA, nullable: true })
  data!: C.VariablesDto | null;
}

export class ReceptionGuidanceDto implements C.ReceptionGuidanceDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'HD-000.00.02.H20-261203-0001' })
  code!: string;

  @ApiProperty({ example: 'tach-thua-dat' })
  definitionKey!: string;

  @ApiProperty({ example: 'Tách thửa hoặc hợp thửa đất' })
  procedureName!: string;

  @ApiProperty({ example: 'DTP-TTHCC' })
  receivingUnit!: string;

  @ApiProperty({ type: ApplicantBody })
  applicant!: ApplicantBody;

  @ApiProperty({ type: [String] })
  items!: string[];

  @ApiProperty({ type: String, nullable: true })
  contact!: string | null;

  @ApiProperty({ example: 'tiepnhan' })
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class DossierPathDto implements C.DossierPathDto {
  @ApiProperty({ example: 'tach-thua-dat' })
  definitionKey!: string;

  @ApiProperty({ example: 2 })
  definitionVersion!: number;

  @ApiProperty({ description: "The BPMN XML of the dossier's version" })
  bpmnXml!: string;

  @ApiProperty({ type: [String], description: 'Completed nodes and taken sequence flows' })
  finishedIds!: string[];

  @ApiProperty({ type: [String], description: 'Elements the dossier waits at now' })
  activeIds!: string[];

  @ApiProperty({ type: [String], description: 'Steps finished late or overdue now' })
  lateIds!: string[];
}

const VARIABLE_SOURCES: ReadonlyArray<C.VariableChangeDto['source']> = ['reception', 'step'];

export class VariableChangeDto implements C.VariableChangeDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'hasFinancialObligation' })
  name!: string;

  @ApiProperty({ description: 'Any JSON value' })
  value!: C.JsonValue;

  @ApiProperty({ type: String, nullable: true, example: 't_xac_nhan' })
  nodeId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Xác nhận đủ điều kiện tách thửa' })
  nodeName!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'cv.vpdk' })
  actor!: string | null;

  @ApiProperty({
    enum: VARIABLE_SOURCES,
    enumName: 'VariableSource',
    description:
      "reception: in the dossier since it was received and not set by any step since (or set by an agency's message); step: a completed step's answer",
  })
  source!: C.VariableChangeDto['source'];
}

export class AwaitingReturnDto implements C.AwaitingReturnDto {
  @ApiProperty({ type: DossierSummaryDto })
  dossier!: DossierSummaryDto;

  @ApiProperty({ format: 'uuid' })
  taskId!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Trả kết quả' })
  stepName!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the result arrived at the desk' })
  waitingSince!: string;
}
