import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { BpmnErrorDto, CompleteTaskDto, VariablesDto } from '@lienthong/contracts';
import { PageQuery } from '../common/pagination';

export class CompleteTaskBody implements CompleteTaskDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { result: 'eligible' } })
  @IsOptional()
  @IsObject()
  variables?: VariablesDto;
}

export class BpmnErrorBody implements BpmnErrorDto {
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
