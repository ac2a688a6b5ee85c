import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type * as C from '@lienthong/contracts';
import { ROLES } from './roles';

export class LoginBody implements C.LoginDto {
  @ApiProperty({ example: 'tiepnhan', description: 'Tên đăng nhập' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  username!: string;

  @ApiProperty({ example: 'demo', description: 'Mật khẩu' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}

export class RefreshBody implements C.RefreshDto {
  @ApiProperty({ description: 'The refresh token of the last sign-in or refresh (single use: it rotates).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken!: string;
}

export class UnitRefDto implements C.UnitRefDto {
  @ApiProperty({ example: 'DTP-TTHCC' })
  code!: string;

  @ApiProperty({ type: String, example: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp', nullable: true })
  name!: string | null;
}

export class SignedInUserDto implements C.SignedInUserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'tiepnhan' })
  username!: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  displayName!: string;

  @ApiProperty({ type: UnitRefDto })
  unit!: UnitRefDto;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true, example: ['reception'] })
  roles!: C.Role[];
}

export class SignedInDto implements C.SignedInDto {
  @ApiProperty({ description: 'JWT to send as Authorization: Bearer <accessToken>' })
  accessToken!: string;

  @ApiProperty({ enum: ['Bearer'] })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @ApiProperty({ description: 'Single use: POST /auth/refresh returns a new pair' })
  refreshToken!: string;

  @ApiProperty({ format: 'date-time' })
  refreshExpiresAt!: string;

  @ApiProperty({ type: SignedInUserDto })
  user!: SignedInUserDto;
}

export class PrincipalDto implements C.PrincipalDto {
  @ApiProperty({ enum: ['user', 'api_key'], enumName: 'PrincipalKind' })
  kind!: C.PrincipalDto['kind'];

  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'tiepnhan' })
  name!: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  displayName!: string;

  @ApiProperty({ type: UnitRefDto })
  unit!: UnitRefDto;

  @ApiProperty({ enum: ROLES, enumName: 'Role', isArray: true })
  roles!: C.Role[];

  @ApiPropertyOptional({
    isArray: true,
    type: String,
    nullable: true,
    description: 'API keys: the topics it may work on (null: every topic of the unit)',
  })
  topics?: string[] | null;

  @ApiPropertyOptional({
    isArray: true,
    type: String,
    nullable: true,
    description: 'API keys: the messages it may send (null: every message)',
  })
  messageNames?: string[] | null;
}
