import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
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
import type { BpmnErrorDto, CompleteTaskDto, VariablesDto } from '@lienthong/contracts';
import { PageQuery } from '../common/pagination';

export class CompleteTaskBody implements CompleteTaskDto {
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
  variables?: VariablesDto;
}

export class BpmnErrorBody implements BpmnErrorDto {
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
  variables?: VariablesDto;
}

export class TaskListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;

  @ApiPropertyOptional({ example: 'DTP-VPDK-CL' })
  @IsOptional()
  @IsString()
  unit?: string;

  @ApiPropertyOptional({ enum: ['active', 'completed', 'cancelled'] })
  @IsOptional()
  @IsIn(['active', 'completed', 'cancelled'])
  status?: 'active' | 'completed' | 'cancelled';

  @ApiPropertyOptional({ example: 'cv.vpdk', description: 'Only the steps assigned to this user name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  assignee?: string;

  @ApiPropertyOptional({
    enum: ['created', 'due'],
    default: 'created',
    description: '`created`: oldest first; `due`: earliest due instant first (steps without one last)',
  })
  @IsOptional()
  @IsIn(['created', 'due'])
  order?: 'created' | 'due';
}

export class AssignTaskBody {
  @ApiProperty({
    example: 'cv.vpdk',
    nullable: true,
    description: "User name of a member of the step's unit; null returns the step to the unit",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  username!: string | null;
}

export class ExternalTaskListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;

  @ApiPropertyOptional({ example: 'tax-assessment' })
  @IsOptional()
  @IsString()
  topic?: string;

  @ApiPropertyOptional({ enum: ['active', 'completed', 'cancelled'] })
  @IsOptional()
  @IsIn(['active', 'completed', 'cancelled'])
  status?: 'active' | 'completed' | 'cancelled';
}

export class FetchTopicBody {
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

export class FetchAndLockBody {
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

export class FailureBody {
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

export class ExtendLockBody {
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

export class RetryIncidentBody {
  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(1000)
  retries!: number;
}

export class IncidentListQuery {
  @ApiPropertyOptional({ example: 'DTP-THUE-1' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;
}
