import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type * as C from '@lienthong/contracts';
import { enumOf } from '../common/http/api-enum.util';
import { MAX_DOSSIERS } from './version-migration.service';

const MAPPED_BY = enumOf<C.MigrationMappedBy>({ id: true, name: true, manual: true });
const OUTCOMES = enumOf<C.MigrationOutcome>({ migrated: true, skipped: true, failed: true });

export class MigrationRequestBody implements C.MigrationRequestDto {
  @ApiProperty({ example: 'tach-thua-dat' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  definitionKey!: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  sourceVersion!: number;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  targetVersion!: number;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Default: the active dossiers of the source version, oldest first, up to `limit`',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_DOSSIERS)
  @IsUUID('all', { each: true })
  dossierIds?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Target element id by source element id (wins over the proposed mapping)',
    example: { thamDinh: 'thamDinhHoSo' },
  })
  @IsOptional()
  @IsObject()
  mapping?: Record<string, string>;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_DOSSIERS, description: 'Default 1000' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DOSSIERS)
  limit?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'The revision of each dossier the plan showed: a dossier changed since is left as it was',
  })
  @IsOptional()
  @IsObject()
  expectedRevisions?: Record<string, number>;
}

/** Which procedure, from which version to which. */
class MigrationVersions {
  @ApiProperty()
  definitionKey!: string;

  @ApiProperty()
  sourceVersion!: number;

  @ApiProperty()
  targetVersion!: number;
}

export class MigrationMappingEntryDto implements C.MigrationMappingEntryDto {
  @ApiProperty({ example: 'thamDinh' })
  source!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Thẩm định hồ sơ' })
  sourceName!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Null: map it by hand' })
  target!: string | null;

  @ApiProperty({ type: String, nullable: true })
  targetName!: string | null;

  @ApiProperty({ enum: MAPPED_BY, enumName: 'MigrationMappedBy', nullable: true })
  mappedBy!: C.MigrationMappedBy | null;
}

export class MigrationStepDto implements C.MigrationStepDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  taskId!: string | null;

  @ApiProperty()
  source!: string;

  @ApiProperty({ type: String, nullable: true })
  sourceName!: string | null;

  @ApiProperty({ type: String, nullable: true })
  target!: string | null;

  @ApiProperty({ type: String, nullable: true })
  targetName!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  newDueAt!: string | null;
}

export class MigrationDossierPlanDto implements C.MigrationDossierPlanDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  code!: string;

  @ApiProperty()
  revision!: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  newDueAt!: string | null;

  @ApiProperty({ type: [MigrationStepDto] })
  steps!: MigrationStepDto[];

  @ApiProperty({ type: [String], description: 'Why it cannot be moved (Vietnamese); empty when it can' })
  problems!: string[];
}

export class MigrationElementDto implements C.MigrationElementDto {
  @ApiProperty({ example: 'thamDinhHoSo' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Thẩm định hồ sơ' })
  name!: string | null;

  @ApiProperty({ example: 'userTask' })
  kind!: string;
}

export class MigrationPlanDto extends MigrationVersions implements C.MigrationPlanDto {
  @ApiProperty({ type: [MigrationMappingEntryDto] })
  mapping!: MigrationMappingEntryDto[];

  @ApiProperty({ type: [String] })
  unmapped!: string[];

  @ApiProperty({ type: [MigrationDossierPlanDto] })
  dossiers!: MigrationDossierPlanDto[];

  @ApiProperty({ description: 'Active dossiers of the source version in all' })
  activeOnSource!: number;

  @ApiProperty({ type: [MigrationElementDto], description: 'Elements of the target a step can be mapped to' })
  targetElements!: MigrationElementDto[];
}

export class MigrationDossierResultDto implements C.MigrationDossierResultDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  code!: string;

  @ApiProperty({ enum: OUTCOMES, enumName: 'MigrationOutcome' })
  outcome!: C.MigrationOutcome;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  newDueAt!: string | null;
}

export class MigrationResultDto extends MigrationVersions implements C.MigrationResultDto {
  @ApiProperty()
  migrated!: number;

  @ApiProperty({
    description: 'Already on the target version (an earlier execution moved them): not moved again',
  })
  skipped!: number;

  @ApiProperty()
  failed!: number;

  @ApiProperty({ type: [MigrationDossierResultDto] })
  dossiers!: MigrationDossierResultDto[];
}
