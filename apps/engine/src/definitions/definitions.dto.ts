import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type * as C from '@lienthong/contracts';
import { enumOf } from '../common/http/api-enum.util';
import { PageQuery } from '../common/pagination';

const DEFINITION_STATUSES = enumOf<C.DefinitionStatus>({ draft: true, published: true, retired: true });
const SEVERITIES = enumOf<C.ValidationIssueDto['severity']>({ error: true, warning: true });

export class DefinitionListQuery extends PageQuery implements C.DefinitionListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  key?: string;

  @ApiPropertyOptional({ enum: DEFINITION_STATUSES, enumName: 'DefinitionStatus' })
  @IsOptional()
  @IsIn(DEFINITION_STATUSES)
  status?: C.DefinitionStatus;
}

export class DefinitionSummaryDto implements C.DefinitionSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'tach-thua-dat', description: 'The executable process id' })
  key!: string;

  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ example: 'Tách thửa hoặc hợp thửa đất' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: '1.004227' })
  procedureCode!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '12d' })
  legalTimeLimit!: string | null;

  @ApiProperty({ enum: DEFINITION_STATUSES, enumName: 'DefinitionStatus' })
  status!: C.DefinitionStatus;

  @ApiProperty({ description: 'SHA-256 of the XML' })
  checksum!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Who deployed the version', example: 'thietke' })
  createdBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  publishedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'banhanh' })
  publishedBy!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Số quyết định công bố',
    example: '1234/QĐ-UBND',
  })
  decisionNumber!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Ngày quyết định công bố' })
  decisionDate!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'From this day on (Vietnam time) new dossiers start on this version (published without one: the day of publication); null for a draft',
  })
  effectiveFrom!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  retiredAt!: string | null;

  @ApiProperty({ description: 'The version new dossiers of its key start on today' })
  inEffect!: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class PublishDefinitionBody implements C.PublishDefinitionDto {
  @ApiPropertyOptional({ maxLength: 100, example: '1234/QĐ-UBND', description: 'Số quyết định công bố' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionNumber?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-01', description: 'Ngày quyết định công bố' })
  @IsOptional()
  @IsString()
  @Matches(DAY, { message: 'decisionDate must be a date YYYY-MM-DD' })
  decisionDate?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2027-01-01',
    description:
      'Today (Vietnam time, the default) or later: dossiers received from that day on start on the version',
  })
  @IsOptional()
  @IsString()
  @Matches(DAY, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom?: string;
}

export class DefinitionVersionDto extends DefinitionSummaryDto implements C.DefinitionVersionDto {
  @ApiProperty({ description: 'Dossiers running on this version now', example: 12 })
  runningDossiers!: number;
}

export class DefinitionDto extends DefinitionSummaryDto implements C.DefinitionDto {
  @ApiProperty({ description: 'The BPMN 2.0 XML' })
  xml!: string;
}

export class ValidationIssueDto implements C.ValidationIssueDto {
  @ApiProperty({ example: 'user-task-unit-missing' })
  code!: string;

  @ApiProperty({ type: String, nullable: true, description: 'Null for document-level problems' })
  elementId!: string | null;

  @ApiProperty({ enum: SEVERITIES, enumName: 'ValidationSeverity' })
  severity!: C.ValidationIssueDto['severity'];

  @ApiProperty()
  message!: string;

  @ApiProperty({ description: 'Vietnamese message, shown in the designer' })
  messageVi!: string;
}

export class DeployResultDto extends DefinitionSummaryDto implements C.DeployResultDto {
  @ApiProperty({
    description:
      'False when the same XML was already the latest version of this key (nothing new was stored)',
  })
  created!: boolean;

  @ApiProperty({ type: [ValidationIssueDto] })
  warnings!: ValidationIssueDto[];
}

export class ValidationResultDto implements C.ValidationResultDto {
  @ApiProperty({ description: 'True when it would deploy (no error; warnings allowed)' })
  valid!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'The executable process id, when there is one' })
  key!: string | null;

  @ApiProperty({ type: [ValidationIssueDto] })
  issues!: ValidationIssueDto[];
}

export class ProcedureDto implements C.ProcedureDto {
  @ApiProperty({ example: 'tach-thua-dat', description: 'The process key of the procedure' })
  key!: string;

  @ApiProperty({ example: '1.012784', description: 'Mã thủ tục hành chính' })
  code!: string;

  @ApiProperty({ example: 'Tách thửa hoặc hợp thửa đất' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Đất đai' })
  field!: string | null;
}
