import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { SignedInUserDto } from './auth.dto';

/** What the browser's sign-in and refresh answer: the refresh token is in the cookie, never in the body. */
export class SessionSignedInDto {
  @ApiProperty({ description: 'JWT to send as Authorization: Bearer <accessToken>; keep it in memory only' })
  accessToken!: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @ApiProperty({ type: SignedInUserDto })
  user!: SignedInUserDto;
}

export class SessionLogoutBody {
  @ApiPropertyOptional({
    default: false,
    description: 'Sign out on every device: revoke all the person’s sessions',
  })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}
