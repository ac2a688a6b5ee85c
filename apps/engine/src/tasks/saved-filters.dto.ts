import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type * as C from '@lienthong/contracts';
import { DEADLINE_STATUSES } from '../deadlines/deadlines.dto';

/** The inbox's query parameters a saved filter may hold (any other is refused). */
export class SavedFilterQuery implements C.SavedFilterQueryDto {
  @ApiPropertyOptional({ example: 'tach-thua-dat' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  definitionKey?: string;

  @ApiPropertyOptional({ example: '2' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,5}$/, { message: 'definitionVersion must be a version number' })
  definitionVersion?: string;

  @ApiPropertyOptional({ enum: DEADLINE_STATUSES, enumName: 'DeadlineStatus' })
  @IsOptional()
  @IsIn(DEADLINE_STATUSES)
  deadlineStatus?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueFrom?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueTo?: string;

  @ApiPropertyOptional({ example: 'me' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  assignee?: string;

  @ApiPropertyOptional({ example: 'nguyen van an' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CreateSavedFilterBody implements C.CreateSavedFilterDto {
  @ApiProperty({ example: 'Quá hạn của tôi', maxLength: 100 })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ type: SavedFilterQuery })
  @IsObject()
  @ValidateNested()
  @Type(() => SavedFilterQuery)
  query!: SavedFilterQuery;
}

export class SavedFilterDto implements C.SavedFilterDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Quá hạn của tôi' })
  name!: string;

  @ApiProperty({ type: SavedFilterQuery })
  query!: SavedFilterQuery;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
