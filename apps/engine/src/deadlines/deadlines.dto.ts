import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import type * as C from '@lienthong/contracts';
import { enumOf } from '../common/http/api-enum.util';

export const CLOCK_STATES = enumOf<C.ClockState>({ none: true, running: true, paused: true });
export const DEADLINE_STATUSES = enumOf<C.DeadlineStatusDto>({
  on_track: true,
  due_soon: true,
  overdue: true,
});
export const OUTCOMES = enumOf<C.OutcomeDto>({ early: true, on_time: true, late: true });
const DEADLINE_EVENT_KINDS = enumOf<C.DeadlineEventKind>({
  paused: true,
  resumed: true,
  restarted: true,
  extended: true,
  recomputed: true,
  due_soon: true,
  overdue: true,
});

export class PauseBody implements C.PauseDto {
  @ApiProperty({ example: 'Chờ kết quả thẩm định của Sở Xây dựng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class ResumeBody implements C.ResumeDto {
  @ApiProperty({ example: 'Đã nhận kết quả thẩm định' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export const CLOCK_HOLDS = enumOf<C.ClockHold>({ supplement: true, manual: true, step: true });

export class SupplementRequestBody implements C.SupplementRequestDto {
  @ApiProperty({
    type: [String],
    example: ['Bản sao Giấy chứng nhận quyền sử dụng đất', 'Sơ đồ thửa đất có chữ ký của chủ sử dụng'],
    description: 'What is missing, one paper a line: the whole list at once (hướng dẫn một lần)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  items!: string[];

  @ApiPropertyOptional({ example: 'Hồ sơ thiếu giấy tờ theo quy định tại thủ tục' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class SupplementReceivedBody implements C.SupplementReceivedDto {
  @ApiPropertyOptional({ example: 'Công dân đã nộp bổ sung đủ giấy tờ tại quầy' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class SupplementDto implements C.SupplementDto {
  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;

  @ApiProperty({ example: 'cv.vpdk' })
  requestedBy!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  taskId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'tham-dinh' })
  nodeId!: string | null;

  @ApiProperty({ type: [String] })
  items!: string[];

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the complete dossier arrived (the time limit restarted from zero); null while waiting',
  })
  receivedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  receivedBy!: string | null;
}

export class ExtensionBody implements C.ExtensionRequestDto {
  @ApiProperty({ example: '2026-03-20T16:00:00+07:00', description: 'The new return date and time' })
  @IsISO8601({ strict: true })
  newDueAt!: string;

  @ApiProperty({ example: 'Cần xác minh nguồn gốc sử dụng đất' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    example: 'DTP-VPDK-CL',
    description: 'The unit that apologises (the one causing the delay)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;
}

export class TestClockBody {
  @ApiProperty({ example: '2026-02-12T10:00:00+07:00' })
  @IsISO8601({ strict: true })
  now!: string;
}

// ---------------------------------------------------------------------------------------------
// Responses

/** The deadline fields of a dossier or a step (OpenAPI documentation of `DeadlineFieldsDto`). */
export class DeadlineFields implements C.DeadlineFieldsDto {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The due instant in working time; null without a time limit or while the clock is paused',
  })
  dueAt!: string | null;

  @ApiProperty({ enum: CLOCK_STATES, enumName: 'ClockState' })
  clock!: C.ClockState;

  @ApiProperty({ enum: DEADLINE_STATUSES, enumName: 'DeadlineStatus' })
  deadlineStatus!: C.DeadlineStatusDto;

  @ApiProperty({
    enum: OUTCOMES,
    enumName: 'Outcome',
    nullable: true,
    description:
      'Once finished: early (a day before the due day or earlier), on time (on the due day) or late',
  })
  outcome!: C.OutcomeDto | null;
}

export class ExtensionDto implements C.ExtensionDto {
  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;

  @ApiProperty({ format: 'date-time' })
  previousDueAt!: string;

  @ApiProperty({ format: 'date-time' })
  newDueAt!: string;

  @ApiProperty({ example: 'Cần xác minh nguồn gốc sử dụng đất' })
  reason!: string;

  @ApiProperty({ type: String, nullable: true, example: 'DTP-VPDK-CL' })
  unit!: string | null;

  @ApiProperty({ example: 'cv.vpdk' })
  actor!: string;
}

export class DeadlineEventDto implements C.DeadlineEventDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: DEADLINE_EVENT_KINDS, enumName: 'DeadlineEventKind' })
  kind!: C.DeadlineEventKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  taskId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: String, nullable: true })
  actor!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  workingMinutes!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  previousDueAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  newDueAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  calendarVersion!: string | null;
}
