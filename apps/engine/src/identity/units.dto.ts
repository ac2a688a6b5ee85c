import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import type * as C from '@lienthong/contracts';
import { enumOf } from '../common/http/api-enum.util';

export const UNIT_LEVELS = enumOf<C.UnitLevel>({
  province: true,
  district: true,
  commune: true,
  agency: true,
  division: true,
});
const CODE = /^[A-Z0-9][A-Z0-9._-]{0,49}$/;

export class UnitDto implements C.UnitDto {
  @ApiProperty({ example: 'DTP-VPDK-CL' })
  code!: string;

  @ApiProperty({ example: '000.11.30.H20', description: 'Mã định danh điện tử (prefix of dossier codes)' })
  eIdentifier!: string;

  @ApiProperty({ example: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Cao Lãnh' })
  name!: string;

  @ApiProperty({ enum: UNIT_LEVELS, enumName: 'UnitLevel' })
  level!: C.UnitLevel;

  @ApiProperty({ type: String, nullable: true, example: 'DTP-VPDK' })
  parentCode!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  validFrom!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date' })
  validTo!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The unit that took over this one (merger)' })
  mergedInto!: string | null;

  @ApiProperty({ description: 'In operation today (not retired, not merged)' })
  active!: boolean;
}

export class UnitListQuery implements C.UnitListQueryDto {
  @ApiPropertyOptional({ description: 'Also list retired and merged units (default true)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  includeRetired?: boolean;

  @ApiPropertyOptional({ example: 'DTP' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  parentCode?: string;
}

export class CreateUnitBody implements C.CreateUnitDto {
  @ApiProperty({ example: 'XMT-TNMT' })
  @IsString()
  @Matches(CODE, { message: 'code: upper-case letters, digits, dot, dash or underscore (max 50)' })
  code!: string;

  @ApiProperty({ example: '000.36.40.H20' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  eIdentifier!: string;

  @ApiProperty({ example: 'Phòng Tài nguyên xã Mỹ Thọ' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ enum: UNIT_LEVELS, enumName: 'UnitLevel' })
  @IsIn(UNIT_LEVELS)
  level!: C.UnitLevel;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'XMT' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  parentCode?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  validTo?: string | null;
}

export class UpdateUnitBody implements C.UpdateUnitDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  eIdentifier?: string;

  @ApiPropertyOptional({ description: 'Rename (running dossiers keep referring to the code)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ enum: UNIT_LEVELS, enumName: 'UnitLevel' })
  @IsOptional()
  @IsIn(UNIT_LEVELS)
  level?: C.UnitLevel;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  parentCode?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  validFrom?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Retire the unit from this date',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  validTo?: string | null;
}

export class MergeUnitBody implements C.MergeUnitDto {
  @ApiProperty({ example: 'DTP-VPDK-CL', description: 'The unit taking over' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  into!: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of the merged unit (default: today)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  on?: string;

  @ApiPropertyOptional({ description: "Move the merged unit's people to the successor (default true)" })
  @IsOptional()
  @IsBoolean()
  moveUsers?: boolean;
}

export class MergeResultDto implements C.MergeResultDto {
  @ApiProperty({ type: UnitDto })
  unit!: UnitDto;

  @ApiProperty({ description: 'Open steps moved to the successor' })
  movedTasks!: number;

  @ApiProperty({ description: 'People moved to the successor' })
  movedUsers!: number;
}
