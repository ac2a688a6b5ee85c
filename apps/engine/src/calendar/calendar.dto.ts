import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type * as C from '@lienthong/contracts';
import { enumOf } from '../common/http/api-enum.util';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from './calendar.util';

const HOLIDAY_KEYS = enumOf<C.StatutoryHolidayKeyDto>({
  'new-year': true,
  tet: true,
  'hung-kings': true,
  'victory-day': true,
  'labour-day': true,
  'national-day': true,
});

const INSTANT_DESCRIPTION =
  'ISO 8601 instant with its offset or Z, e.g. 2026-02-13T09:00:00+07:00 (encode + as %2B in a URL; an ' +
  'unencoded + read as a space before the offset is accepted).';

// ---------------------------------------------------------------------------------------------
// Queries and body

export class CalendarYearQuery implements C.CalendarYearQueryDto {
  @ApiProperty({ minimum: CALENDAR_MIN_YEAR, maximum: CALENDAR_MAX_YEAR, example: 2026, description: 'Năm' })
  @Type(() => Number)
  @IsInt()
  @Min(CALENDAR_MIN_YEAR)
  @Max(CALENDAR_MAX_YEAR)
  year!: number;
}

export class CalendarAddQuery implements C.CalendarAddQueryDto {
  @ApiProperty({ description: `Start. ${INSTANT_DESCRIPTION}`, example: '2026-02-13T09:00:00+07:00' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  from!: string;

  @ApiProperty({
    description: 'Working duration: 3d, 4h, 1d4h, 0.5d, 30m (1d = 8 working hours)',
    example: '1d',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  duration!: string;

  @ApiPropertyOptional({
    description:
      'Counting-start rule applied to `from` first: none, last-office-hour (Decree 297/2025) or HH:MM ' +
      '(received after that time starts the next working day, e.g. 15:00 per Decree 63/2024 art. 7.2)',
    example: '15:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  cutoff?: string;
}

export class CalendarBetweenQuery implements C.CalendarBetweenQueryDto {
  @ApiProperty({ description: INSTANT_DESCRIPTION, example: '2026-02-13T09:00:00+07:00' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  from!: string;

  @ApiProperty({ description: INSTANT_DESCRIPTION, example: '2026-02-23T09:00:00+07:00' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  to!: string;
}

// ---------------------------------------------------------------------------------------------
// Official decisions (documentation of the schema; validated by parseOfficialDecisions)

export class DecisionSourceDto implements C.DecisionSourceDto {
  @ApiProperty({ example: 'Văn phòng Chính phủ' })
  issuer!: string;

  @ApiProperty({ example: '12729/VPCP-KGVX', description: 'Số hiệu văn bản' })
  number!: string;

  @ApiProperty({ format: 'date', example: '2025-12-25' })
  date!: string;

  @ApiProperty({ example: 'Về việc nghỉ Tết Dương lịch năm 2026' })
  title!: string;

  @ApiPropertyOptional({ description: 'Where the content was read' })
  url?: string;
}

export class DaysOffRangeDto implements C.DaysOffRangeDto {
  @ApiProperty({ format: 'date', example: '2027-02-06' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2027-02-14' })
  to!: string;
}

export class SwappedWorkingDayDto implements C.SwappedWorkingDayDto {
  @ApiProperty({ format: 'date', example: '2027-02-20', description: 'Ngày làm bù' })
  date!: string;

  @ApiPropertyOptional({ format: 'date', description: 'The weekday given off in exchange' })
  replaces?: string;
}

export class OfficialDecisionDto implements C.OfficialDecisionDto {
  @ApiProperty({ example: '2027-tet', description: 'Unique id' })
  id!: string;

  @ApiProperty({ example: 2027 })
  year!: number;

  @ApiProperty({
    isArray: true,
    enum: HOLIDAY_KEYS,
    enumName: 'StatutoryHolidayKey',
    description:
      'Holidays of the year whose placement this decision fixes (no compensatory day is computed for them)',
  })
  covers!: C.StatutoryHolidayKeyDto[];

  @ApiProperty({ example: 'Nghỉ Tết Nguyên đán' })
  name!: string;

  @ApiPropertyOptional({ type: DaysOffRangeDto, description: 'Every date of this inclusive range is off' })
  daysOff?: DaysOffRangeDto;

  @ApiPropertyOptional({
    type: [SwappedWorkingDayDto],
    description: 'Days worked although otherwise off (làm bù)',
  })
  workingDays?: SwappedWorkingDayDto[];

  @ApiPropertyOptional({ format: 'date', description: 'For national-day: YYYY-09-01 or YYYY-09-03' })
  nationalDayAdjacent?: string;

  @ApiProperty({ type: [DecisionSourceDto], description: 'At least one' })
  sources!: DecisionSourceDto[];

  @ApiPropertyOptional({ description: 'True when the dates could not be checked in an official text' })
  unverified?: boolean;

  @ApiPropertyOptional()
  note?: string;
}

export class ReplaceDecisionsBody implements C.ReplaceDecisionsDto {
  @ApiProperty({
    type: [OfficialDecisionDto],
    description:
      'Every official decision of the year (those not listed are removed; [] removes them all). Each must ' +
      'have the year of the path. Validated like the library data (422 naming the path otherwise).',
  })
  @IsArray()
  @ArrayMaxSize(100)
  // Checked by parseOfficialDecisions when the service stores them (422 naming the path).
  decisions!: OfficialDecisionDto[];

  @ApiPropertyOptional({ maxLength: 1000, example: 'Công văn 1234/VPCP-KGVX về nghỉ Tết Âm lịch 2027' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

// ---------------------------------------------------------------------------------------------
// Responses

export class CalendarHolidayDto implements C.CalendarHolidayDto {
  @ApiProperty({ format: 'date', example: '2026-02-16' })
  date!: string;

  @ApiProperty({ example: 'Tết Nguyên đán' })
  name!: string;

  @ApiProperty({
    enum: ['holiday', 'compensatory', 'official-decision'],
    enumName: 'CalendarHolidayKind',
    description:
      'holiday: Labour Code art. 112; compensatory: art. 111.3; official-decision: a day of a decided break',
  })
  kind!: C.CalendarHolidayDto['kind'];

  @ApiPropertyOptional({
    enum: HOLIDAY_KEYS,
    enumName: 'StatutoryHolidayKey',
    example: 'tet',
    description: 'The statutory holiday it is, compensates or belongs to',
  })
  holiday?: C.StatutoryHolidayKeyDto;

  @ApiPropertyOptional({ example: '2026-tet' })
  decisionId?: string;

  @ApiPropertyOptional({ example: '109/TB-UBND', description: "The decision's first source" })
  source?: string;
}

export class MakeUpWorkingDayDto implements C.MakeUpWorkingDayDto {
  @ApiProperty({ format: 'date', example: '2026-08-22' })
  date!: string;

  @ApiProperty({ example: 'Ngày làm bù cho ngày 31/08/2026' })
  name!: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-08-31' })
  replaces?: string;

  @ApiProperty({ example: '2026-national-day' })
  decisionId!: string;

  @ApiProperty({ example: '109/TB-UBND' })
  source!: string;
}

export class DecisionBreakDto implements C.DecisionBreakDto {
  @ApiProperty({ example: '2026-tet' })
  decisionId!: string;

  @ApiProperty({ example: 'Nghỉ Tết Nguyên đán' })
  name!: string;

  @ApiProperty({ format: 'date', example: '2026-02-14' })
  from!: string;

  @ApiProperty({ format: 'date', example: '2026-02-22' })
  to!: string;

  @ApiProperty({ example: '109/TB-UBND' })
  source!: string;

  @ApiProperty()
  unverified!: boolean;
}

export class CalendarHolidaysResponse implements C.CalendarHolidaysDto {
  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({ example: '2026.1+cfg.7b6f34eb', description: 'Version of the calendar in force' })
  calendarVersion!: string;

  @ApiProperty({
    type: [CalendarHolidayDto],
    description: 'Days off for holiday reasons, in date order (Saturdays and Sundays are not listed)',
  })
  holidays!: CalendarHolidayDto[];

  @ApiProperty({
    type: [MakeUpWorkingDayDto],
    description: 'Days worked by decision although otherwise off (làm bù), usually Saturdays',
  })
  workingSaturdays!: MakeUpWorkingDayDto[];

  @ApiProperty({ type: [DecisionBreakDto], description: 'Breaks fixed by decisions, weekends included' })
  breaks!: DecisionBreakDto[];
}

export class CalendarAddResponse implements C.CalendarAddDto {
  @ApiProperty({ format: 'date-time', example: '2026-02-13T02:00:00.000Z' })
  from!: string;

  @ApiProperty({ example: '1d' })
  duration!: string;

  @ApiProperty({ example: 480, description: 'Working minutes of the duration' })
  minutes!: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When a cutoff was given: the start of counting (the cut-off rule applied to from)',
  })
  countingStart?: string;

  @ApiProperty({ format: 'date-time', example: '2026-02-23T02:00:00.000Z' })
  result!: string;

  @ApiProperty({ example: '2026.1+cfg.7b6f34eb' })
  calendarVersion!: string;
}

export class CalendarBetweenResponse implements C.CalendarBetweenDto {
  @ApiProperty({ format: 'date-time' })
  from!: string;

  @ApiProperty({ format: 'date-time' })
  to!: string;

  @ApiProperty({ example: 480, description: 'Working minutes from `from` to `to` (negative when to < from)' })
  minutes!: number;

  @ApiProperty({ example: '1d', description: 'The same in the duration syntax (rounded to the minute)' })
  duration!: string;

  @ApiProperty({ example: '2026.1+cfg.7b6f34eb' })
  calendarVersion!: string;
}

export class CalendarDecisionsResponse implements C.CalendarDecisionsDto {
  @ApiProperty({ example: 2026 })
  year!: number;

  @ApiProperty({
    enum: ['database', 'default'],
    enumName: 'CalendarDecisionsSource',
    description: 'database: decisions stored through this API; default: the data shipped with the engine',
  })
  source!: C.CalendarDecisionsDto['source'];

  @ApiProperty({ example: 'db-3', description: 'Data version of the decisions in force' })
  decisionsVersion!: string;

  @ApiProperty({ example: 'db-3+cfg.7b6f34eb' })
  calendarVersion!: string;

  @ApiProperty({ type: [OfficialDecisionDto] })
  decisions!: OfficialDecisionDto[];
}

export class ReplaceDecisionsResponse
  extends CalendarHolidaysResponse
  implements C.ReplaceDecisionsResultDto
{
  @ApiProperty({ description: 'False when the decisions given were already in force (nothing written)' })
  changed!: boolean;

  @ApiProperty({ example: '2026.1+cfg.7b6f34eb' })
  previousVersion!: string;

  @ApiProperty({ example: 'db-1' })
  decisionsVersion!: string;

  @ApiProperty({ type: String, nullable: true, example: '1', description: 'Id of the audit record' })
  changeId!: string | null;

  @ApiProperty({ type: [OfficialDecisionDto], description: 'The decisions of the year now in force' })
  decisions!: OfficialDecisionDto[];
}
