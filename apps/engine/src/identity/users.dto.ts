import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import type * as C from '@lienthong/contracts';
import { PageQuery } from '../common/pagination';
import { API_KEY_ROLES, ROLES } from './roles';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,99}$/;

export class UserDto implements C.UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'cv.vpdk' })
  username!: string;

  @ApiProperty({ example: 'Trần Văn Minh' })
  displayName!: string;

  @ApiProperty({ example: 'DTP-VPDK-CL' })
  unitCode!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  roles!: C.Role[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ description: 'Signs in through OpenID Connect' })
  oidc!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class UserListQuery extends PageQuery implements C.UserListQueryDto {
  @ApiPropertyOptional({ example: 'DTP-VPDK-CL' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;

  @ApiPropertyOptional({ enum: ROLES, enumName: 'Role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: C.Role;

  @ApiPropertyOptional({ description: 'Only active (true) or disabled (false) accounts' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export class CreateUserBody implements C.CreateUserDto {
  @ApiProperty({ example: 'cv.vpdk2', description: 'lower case letters, digits, dot, dash, underscore' })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(USERNAME, { message: 'username: 2-100 lower-case letters, digits, dot, dash or underscore' })
  username!: string;

  @ApiProperty({ example: 'Lê Thị Hoa' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ example: 'DTP-VPDK-CL' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  unitCode!: string;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: C.Role[];

  @ApiPropertyOptional({ description: 'At least 8 characters; omit for an OpenID Connect-only account' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;
}

export class UpdateUserBody implements C.UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ description: 'Move the person to another unit (their sessions end)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  unitCode?: string;

  @ApiPropertyOptional({
    enum: ROLES,
    enumName: 'Role',
    isArray: true,
    description: 'Replaces the roles (their sessions end)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles?: C.Role[];

  @ApiPropertyOptional({ description: 'false disables the account and ends its sessions at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ description: 'New password (their sessions end)' })
  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password?: string;
}

export class ApiKeyDto implements C.ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Hệ thống thuế - Thuế cơ sở 1' })
  name!: string;

  @ApiProperty({
    example: '3f9a1c2b',
    description: 'Shown in lists to tell keys apart; the key starts lt_<prefix>_',
  })
  prefix!: string;

  @ApiProperty({ example: 'DTP-THUE-1' })
  unitCode!: string;

  @ApiProperty({ enum: API_KEY_ROLES, enumName: 'ApiKeyRole', isArray: true })
  roles!: C.ApiKeyRole[];

  @ApiProperty({ nullable: true, isArray: true, type: String })
  topics!: string[] | null;

  @ApiProperty({ nullable: true, isArray: true, type: String })
  messageNames!: string[] | null;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true })
  revokedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true })
  lastUsedAt!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto implements C.CreatedApiKeyDto {
  @ApiProperty({ description: 'The key itself: shown once, store it now', example: 'lt_3f9a1c2b_…' })
  key!: string;
}

export class CreateApiKeyBody implements C.CreateApiKeyDto {
  @ApiProperty({ example: 'Hệ thống thuế - Thuế cơ sở 1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'DTP-THUE-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  unitCode!: string;

  @ApiPropertyOptional({
    enum: API_KEY_ROLES,
    enumName: 'ApiKeyRole',
    isArray: true,
    description: 'Default: officer',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(API_KEY_ROLES, { each: true })
  roles?: C.ApiKeyRole[];

  @ApiPropertyOptional({
    isArray: true,
    type: String,
    example: ['tax-assessment'],
    description: 'Default: every topic of the unit',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  topics?: string[];

  @ApiPropertyOptional({
    isArray: true,
    type: String,
    example: ['payment-confirmed'],
    description: 'Default: every message',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  messageNames?: string[];

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsString()
  expiresAt?: string;
}

export class ApiKeyListQuery extends PageQuery implements C.ApiKeyListQueryDto {
  @ApiPropertyOptional({ example: 'DTP-THUE-1' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;
}
