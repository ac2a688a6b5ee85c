import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type * as C from '@lienthong/contracts';
import { enumOf } from '../common/http/api-enum.util';
import { PageQuery } from '../common/pagination/page-query.dto';

export const GROUP_BYS = enumOf<C.ReportGroupBy>({
  unit: true,
  procedure: true,
  field: true,
  level: true,
  officer: true,
});
export const STEP_GROUP_BYS = enumOf<C.StepReportGroupBy>({ unit: true, officer: true });
export const FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof FORMATS)[number];
export const FIGURE_NAMES = enumOf<C.Report06aFigure>({
  total: true,
  received: true,
  receivedOnline: true,
  receivedDeskOrPostal: true,
  carriedOver: true,
  resolved: true,
  resolvedEarly: true,
  resolvedOnTime: true,
  resolvedLate: true,
  lateInsideLead: true,
  lateOtherAgency: true,
  lateApplicant: true,
  inProgress: true,
  inProgressWithinTime: true,
  inProgressOverdue: true,
  pausedUncounted: true,
  withdrawn: true,
  refused: true,
  stopped: true,
});
const LATE_LEVELS = enumOf<C.LateLevel>({ none: true, criticism: true, discipline_review: true });

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

// ---------------------------------------------------------------------------------------------
// Queries

export class ReportNowQuery implements C.ReportNowQueryDto {
  @ApiPropertyOptional({ example: 'DTP', description: 'A unit and the units below it' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;

  @ApiPropertyOptional({ example: 'tach-thua-dat', description: 'A procedure (definition key)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  procedure?: string;
}

export class ReportQuery extends ReportNowQuery implements C.ReportQueryDto {
  @ApiProperty({ example: '2026-01-01', description: 'First day of the period (Vietnam date)' })
  @IsString()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-01-31', description: 'Last day of the period (included)' })
  @IsString()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;
}

export class ReportNowDrillQuery
  extends IntersectionType(ReportNowQuery, PageQuery)
  implements C.ReportNowDrillQueryDto
{
  @ApiProperty({ enum: ['due_soon', 'overdue'] })
  @IsIn(['due_soon', 'overdue'])
  deadline!: 'due_soon' | 'overdue';
}

export class CreateReportSettingBody implements C.CreateReportSettingDto {
  @ApiProperty({ example: '2027-01-01', description: 'First day in force (Vietnam date): today or later' })
  @IsString()
  @Matches(DATE, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom!: string;

  @ApiProperty({ description: 'Whether a dossier whose clock is paused counts as in progress' })
  @IsBoolean()
  countPausedInProgress!: boolean;

  @ApiProperty({ example: 5, minimum: 0, maximum: 100 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  criticismFrom!: number;

  @ApiProperty({ example: 10, minimum: 0, maximum: 100 })
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100)
  disciplineFrom!: number;

  @ApiProperty({ example: 3, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(12)
  criticismsForDiscipline!: number;

  @ApiProperty({ example: 'Quyết định số 12/QĐ-UBND ngày 15/12/2026 của UBND tỉnh' })
  @IsString()
  @Matches(/\S/, { message: 'basis must name the decision or reason' })
  @MaxLength(500)
  basis!: string;
}

export class ReportNowDto implements C.ReportNowDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'integer' })
  open!: number;

  @ApiProperty({ type: 'integer' })
  dueSoon!: number;

  @ApiProperty({ type: 'integer' })
  overdue!: number;
}

export class Report06aQuery extends ReportQuery implements C.Report06aQueryDto {
  @ApiPropertyOptional({ enum: GROUP_BYS, enumName: 'ReportGroupBy', default: 'unit' })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy?: C.ReportGroupBy;

  @ApiPropertyOptional({ enum: FORMATS, default: 'json', description: 'csv or xlsx: the form as a file' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: ExportFormat;
}

export class Report06aDrillQuery
  extends IntersectionType(ReportQuery, PageQuery)
  implements C.Report06aDrillQueryDto
{
  @ApiProperty({ enum: FIGURE_NAMES, enumName: 'Report06aFigure' })
  @IsIn(FIGURE_NAMES)
  figure!: C.Report06aFigure;

  @ApiPropertyOptional({ enum: GROUP_BYS, enumName: 'ReportGroupBy' })
  @IsOptional()
  @IsIn(GROUP_BYS)
  groupBy?: C.ReportGroupBy;

  @ApiPropertyOptional({ description: "The row's key (with groupBy); none: the total row" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  key?: string;
}

export class StepReportQuery extends ReportQuery implements C.StepReportQueryDto {
  @ApiPropertyOptional({ enum: STEP_GROUP_BYS, enumName: 'StepReportGroupBy', default: 'unit' })
  @IsOptional()
  @IsIn(STEP_GROUP_BYS)
  groupBy?: C.StepReportGroupBy;
}

export class LateListQuery implements C.LateListQueryDto {
  @ApiProperty({ example: '2026-01' })
  @IsString()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;

  @ApiPropertyOptional({ enum: FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: ExportFormat;
}

export class LateStepsQuery extends PageQuery implements C.LateStepsQueryDto {
  @ApiProperty({ example: '2026-01' })
  @IsString()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiPropertyOptional({ description: 'The unit of a unit line' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;

  @ApiPropertyOptional({ description: 'The user name of an officer line' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  officer?: string;
}

// ---------------------------------------------------------------------------------------------
// Answers

export class ReportSettingDto implements C.ReportSettingDto {
  @ApiProperty()
  id!: number;

  @ApiProperty({ example: '2026-01-01' })
  effectiveFrom!: string;

  @ApiProperty({ type: String, nullable: true })
  effectiveTo!: string | null;

  @ApiProperty()
  countPausedInProgress!: boolean;

  @ApiProperty({ example: 5 })
  criticismFrom!: number;

  @ApiProperty({ example: 10 })
  disciplineFrom!: number;

  @ApiProperty({ example: 3 })
  criticismsForDiscipline!: number;

  @ApiProperty()
  basis!: string;
}

export class Report06aRowDto implements C.Report06aRowDto {
  @ApiProperty({ example: 'DTP-TTHCC', description: "The group's key; * for the total row" })
  key!: string;

  @ApiProperty({ example: 'Trung tâm Phục vụ hành chính công tỉnh' })
  label!: string;

  total!: number;
  received!: number;
  receivedOnline!: number;
  receivedDeskOrPostal!: number;
  carriedOver!: number;
  resolved!: number;
  resolvedEarly!: number;
  resolvedOnTime!: number;
  resolvedLate!: number;
  lateInsideLead!: number;
  lateOtherAgency!: number;
  lateApplicant!: number;
  inProgress!: number;
  inProgressWithinTime!: number;
  inProgressOverdue!: number;
  pausedUncounted!: number;
  withdrawn!: number;
  refused!: number;
  stopped!: number;

  @ApiProperty({ type: Number, nullable: true, example: 98.8 })
  onTimeRate!: number | null;
}
// Every figure is a count of dossiers (GET /reports/06a/dossiers lists them).
for (const figure of FIGURE_NAMES) {
  ApiProperty({ type: 'integer', minimum: 0 })(Report06aRowDto.prototype, figure);
}

export class Report06aDto implements C.Report06aDto {
  @ApiProperty({ example: '2026-01-01' })
  from!: string;

  @ApiProperty({ example: '2026-01-31' })
  to!: string;

  @ApiProperty({ type: String, nullable: true })
  unit!: string | null;

  @ApiProperty({ type: String, nullable: true })
  procedure!: string | null;

  @ApiProperty({ enum: GROUP_BYS, enumName: 'ReportGroupBy' })
  groupBy!: C.ReportGroupBy;

  @ApiProperty({ type: ReportSettingDto })
  setting!: ReportSettingDto;

  @ApiProperty({ type: [Report06aRowDto] })
  rows!: Report06aRowDto[];

  @ApiProperty({ type: Report06aRowDto })
  totals!: Report06aRowDto;
}

export class ReportDossierDto implements C.ReportDossierDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  code!: string;

  @ApiProperty()
  unit!: string;

  @ApiProperty()
  procedure!: string;

  @ApiProperty()
  channel!: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: string | null;

  @ApiProperty({ enum: ['resolved', 'withdrawn', 'refused', 'stopped'], nullable: true })
  endKind!: C.ReportDossierDto['endKind'];

  @ApiProperty({ enum: ['early', 'on_time', 'late'], nullable: true })
  outcome!: C.ReportDossierDto['outcome'];

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  overdueAt!: string | null;

  @ApiProperty()
  extended!: boolean;
}

export class StepReportRowDto implements C.StepReportRowDto {
  @ApiProperty()
  key!: string;

  @ApiProperty()
  label!: string;

  finished!: number;
  early!: number;
  onTime!: number;
  late!: number;
  workedMinutes!: number;
  allottedMinutes!: number;
  open!: number;
  openOverdue!: number;

  @ApiProperty({ type: Number, nullable: true })
  lateRate!: number | null;
}
for (const count of [
  'finished',
  'early',
  'onTime',
  'late',
  'workedMinutes',
  'allottedMinutes',
  'open',
  'openOverdue',
]) {
  ApiProperty({ type: 'integer', minimum: 0 })(StepReportRowDto.prototype, count);
}

export class StepReportDto implements C.StepReportDto {
  @ApiProperty()
  from!: string;

  @ApiProperty()
  to!: string;

  @ApiProperty({ type: String, nullable: true })
  unit!: string | null;

  @ApiProperty({ enum: STEP_GROUP_BYS, enumName: 'StepReportGroupBy' })
  groupBy!: C.StepReportGroupBy;

  @ApiProperty({ type: [StepReportRowDto] })
  rows!: StepReportRowDto[];
}

export class LateListLineDto implements C.LateListLineDto {
  @ApiProperty({ description: "Unit code or officer's user name" })
  key!: string;

  @ApiProperty()
  label!: string;

  @ApiProperty()
  unit!: string;

  @ApiProperty({ type: 'integer' })
  finished!: number;

  @ApiProperty({ type: 'integer' })
  late!: number;

  @ApiProperty({ example: 7.5 })
  lateRate!: number;

  @ApiProperty({ enum: LATE_LEVELS, enumName: 'LateLevel' })
  level!: C.LateLevel;

  @ApiProperty({ type: 'integer' })
  criticismsThisYear!: number;

  @ApiProperty()
  flagged!: boolean;

  @ApiProperty({ type: 'integer' })
  apologies!: number;
}

export class LateListDto implements C.LateListDto {
  @ApiProperty({ example: '2026-01' })
  month!: string;

  @ApiProperty({ type: String, nullable: true })
  unit!: string | null;

  @ApiProperty({ type: ReportSettingDto })
  setting!: ReportSettingDto;

  @ApiProperty({ type: [LateListLineDto] })
  units!: LateListLineDto[];

  @ApiProperty({ type: [LateListLineDto] })
  officers!: LateListLineDto[];
}

export class ApologyDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  newDueAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  unit!: string | null;
}

export class LateStepDto implements C.LateStepDto {
  @ApiProperty({ format: 'uuid' })
  taskId!: string;

  @ApiProperty({ format: 'uuid' })
  dossierId!: string;

  @ApiProperty()
  dossierCode!: string;

  @ApiProperty()
  nodeId!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true })
  unit!: string | null;

  @ApiProperty({ type: String, nullable: true })
  officer!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt!: string | null;

  @ApiProperty({ format: 'date-time' })
  finishedAt!: string;

  @ApiProperty({ type: ApologyDto, nullable: true })
  apology!: ApologyDto | null;
}

export class Indicators766RowDto implements C.Indicators766RowDto {
  @ApiProperty()
  unit!: string;

  @ApiProperty({ example: '2026-01' })
  month!: string;

  @ApiProperty({ type: 'integer' })
  resolved!: number;

  @ApiProperty({ type: 'integer' })
  resolvedOnTime!: number;

  @ApiProperty({ type: Number, nullable: true })
  onTimeRate!: number | null;

  @ApiProperty({ type: 'integer' })
  inProgress!: number;

  @ApiProperty({ type: 'integer' })
  inProgressOverdue!: number;

  @ApiProperty({ type: Number, nullable: true })
  overdueRate!: number | null;
}

export class Indicators766ProcedureDto implements C.Indicators766ProcedureDto {
  @ApiProperty({ description: "The procedure's code (definition key)." })
  procedure!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Its name in the catalogue (processes/catalogue.json), null when not listed there.',
  })
  name!: string | null;

  @ApiProperty({ example: '2026-01' })
  month!: string;

  @ApiProperty({ type: 'integer', description: 'Dossiers resolved in the month (as 2.a counts them).' })
  resolved!: number;

  @ApiProperty({ description: 'Mean of (result − receipt) in calendar days of 24 hours, 1 decimal.' })
  averageCalendarDays!: number;

  @ApiProperty({
    description:
      "Mean working time from receipt to result on the engine's working calendar (office hours of working days; " +
      'weekends, holidays and official days off excluded), in working hours / 8, 1 decimal.',
  })
  averageWorkingDays!: number;
}

export class Indicators766Dto implements C.Indicators766Dto {
  @ApiProperty()
  from!: string;

  @ApiProperty()
  to!: string;

  @ApiProperty({ type: String, nullable: true })
  unit!: string | null;

  @ApiProperty()
  source!: string;

  @ApiProperty({ type: [Indicators766RowDto] })
  rows!: Indicators766RowDto[];

  @ApiProperty({
    type: [Indicators766ProcedureDto],
    description:
      "Decision 766's indicator 2.b, the average handling time per procedure and month, in working and calendar days " +
      "(the annex's unit was not read [unverified]).",
  })
  byProcedure!: Indicators766ProcedureDto[];
}
