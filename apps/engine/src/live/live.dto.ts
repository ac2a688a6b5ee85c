import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type * as C from '@lienthong/contracts';
import { enumOf } from '../common/http/api-enum.util';

export const TASK_EVENT_TYPES = enumOf<C.TaskEventType>({
  created: true,
  claimed: true,
  unclaimed: true,
  assigned: true,
  completed: true,
  cancelled: true,
  deadline: true,
});

export class StreamTicketDto implements C.StreamTicketDto {
  @ApiProperty({ description: 'Give as `?ticket=` to GET /events/stream (valid a minute)' })
  ticket!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class StreamQuery implements C.StreamQueryDto {
  @ApiPropertyOptional({ description: 'A ticket from POST /events/ticket (required: 401 without it)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  ticket?: string;

  @ApiPropertyOptional({
    example: '1042',
    description:
      'The last event received, as the `Last-Event-ID` header (which wins): the events missed since are sent first',
  })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'lastEventId must be an event id (digits)' })
  lastEventId?: string;
}

/** Documents the `data:` of a stream's `task` events. */
export class TaskEventDto implements C.TaskEventDto {
  @ApiProperty({ example: '1042' })
  id!: string;

  @ApiProperty({ enum: TASK_EVENT_TYPES, enumName: 'TaskEventType' })
  type!: C.TaskEventType;

  @ApiProperty({ format: 'uuid' })
  taskId!: string;

  @ApiProperty({ format: 'uuid' })
  dossierId!: string;

  @ApiProperty({ example: 'DTP-VPDK-CL' })
  unit!: string;

  @ApiProperty({ type: String, nullable: true, example: 'cv.vpdk' })
  assignee!: string | null;

  @ApiProperty({ enum: ['on_track', 'due_soon', 'overdue'], nullable: true })
  deadlineStatus!: C.DeadlineStatusDto | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}
