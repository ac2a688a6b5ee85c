import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { ApplicantDto, CreateDossierDto, VariablesDto } from '@lienthong/contracts';
import { PageQuery } from '../common/pagination';

export class ApplicantBody implements ApplicantDto {
  [key: string]: string | undefined;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '087090001234', description: 'Citizen identity number (CCCD)' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9]{9,12}$/, { message: 'idNumber must be 9 to 12 digits' })
  idNumber?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: 'Ấp 3, xã Mỹ Thọ, tỉnh Đồng Tháp' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

export class CreateDossierBody implements CreateDossierDto {
  @ApiProperty({ example: 'tach-thua-dat', description: 'Key of a procedure with a published version' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  definitionKey!: string;

  @ApiProperty({ type: ApplicantBody })
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantBody)
  applicant!: ApplicantBody;

  @ApiPropertyOptional({
    example: 'G22.99-250301-000123',
    description: "The dossier's number in another system (e.g. the national portal)",
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  externalRef?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { parcel: { number: 123, sheet: 45, area: 250.5 } },
  })
  @IsOptional()
  @IsObject()
  variables?: VariablesDto;

  @ApiPropertyOptional({ example: 'DTP-TTHCC', description: "Defaults to the process's lt:receivingUnit" })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  receivingUnit?: string;

  @ApiPropertyOptional({ enum: ['desk', 'online', 'postal'], default: 'desk' })
  @IsOptional()
  @IsIn(['desk', 'online', 'postal'])
  channel?: 'desk' | 'online' | 'postal';
}

export class CancelDossierBody {
  @ApiPropertyOptional({ example: 'Công dân rút hồ sơ' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class DossierListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['active', 'completed', 'cancelled'] })
  @IsOptional()
  @IsIn(['active', 'completed', 'cancelled'])
  status?: 'active' | 'completed' | 'cancelled';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  definitionKey?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  receivingUnit?: string;
}
