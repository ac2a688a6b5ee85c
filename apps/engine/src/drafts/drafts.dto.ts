import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { MAX_BPMN_LENGTH } from '@lienthong/bpmn';
import type * as C from '@lienthong/contracts';
import { PageQuery } from '../common/pagination';

const XML_EXAMPLE = '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions …>';

export class CreateDraftBody implements C.CreateDraftDto {
  @ApiProperty({ example: XML_EXAMPLE, description: 'BPMN 2.0 XML; its executable process id is the key' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BPMN_LENGTH)
  xml!: string;

  @ApiPropertyOptional({ example: 1, description: 'The deployed version the draft starts from' })
  @IsOptional()
  @IsInt()
  @Min(1)
  baseVersion?: number;

  @ApiPropertyOptional({ example: 'Tách thửa đất (sau sắp xếp 2025)', maxLength: 300 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;
}

export class SaveDraftBody implements C.SaveDraftDto {
  @ApiProperty({ example: XML_EXAMPLE })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_BPMN_LENGTH)
  xml!: string;

  @ApiProperty({ example: 3, description: 'The revision this save was made from' })
  @IsInt()
  @Min(1)
  revision!: number;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;
}

export class DraftListQuery extends PageQuery implements C.DraftListQueryDto {
  @ApiPropertyOptional({ example: 'tach-thua-dat' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z_][\w.-]*$/, { message: 'key must be a process id' })
  key?: string;
}

export class DraftSummaryDto implements C.DraftSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'tach-thua-dat' })
  key!: string;

  @ApiProperty({ example: 'Tách thửa hoặc hợp thửa đất' })
  name!: string;

  @ApiProperty({ example: 1 })
  revision!: number;

  @ApiProperty({ type: Number, nullable: true, example: 2 })
  baseVersion!: number | null;

  @ApiProperty({ example: 'thietke' })
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ example: 'thietke' })
  updatedBy!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class DraftDto extends DraftSummaryDto implements C.DraftDto {
  @ApiProperty({ example: XML_EXAMPLE })
  xml!: string;
}
