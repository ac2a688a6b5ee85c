import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginBody {
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

export class RefreshBody {
  @ApiProperty({ description: 'The refresh token of the last sign-in or refresh (single use: it rotates).' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken!: string;
}

export class UnitRefDto {
  @ApiProperty({ example: 'DTP-TTHCC' })
  code!: string;

  @ApiPropertyOptional({ example: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp', nullable: true })
  name!: string | null;
}

export class SignedInUserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'tiepnhan' })
  username!: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  displayName!: string;

  @ApiProperty({ type: UnitRefDto })
  unit!: UnitRefDto;

  @ApiProperty({ example: ['reception'], isArray: true, type: String })
  roles!: string[];
}

export class SignedInDto {
  @ApiProperty({ description: 'JWT to send as Authorization: Bearer <accessToken>' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer' })
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

export class PrincipalDto {
  @ApiProperty({ enum: ['user', 'api_key'] })
  kind!: string;

  @ApiProperty()
  id!: string;

  @ApiProperty({ example: 'tiepnhan' })
  name!: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  displayName!: string;

  @ApiProperty({ type: UnitRefDto })
  unit!: UnitRefDto;

  @ApiProperty({ isArray: true, type: String })
  roles!: string[];

  @ApiPropertyOptional({ isArray: true, type: String, nullable: true })
  topics?: string[] | null;

  @ApiPropertyOptional({ isArray: true, type: String, nullable: true })
  messageNames?: string[] | null;
}
