import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class PauseBody {
  @ApiProperty({ example: 'Chờ kết quả thẩm định của Sở Xây dựng' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class ResumeBody {
  @ApiPropertyOptional({ example: 'Đã nhận kết quả thẩm định' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ExtensionBody {
  @ApiProperty({ example: '2026-03-20T16:00:00+07:00', description: 'The new return date and time' })
  @IsISO8601({ strict: true })
  newDueAt!: string;

  @ApiProperty({ example: 'Cần xác minh nguồn gốc sử dụng đất' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    example: 'DTP-VPDK-CL',
    description: 'The unit that apologises (the one causing the delay)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;
}

export class TestClockBody {
  @ApiProperty({ example: '2026-02-12T10:00:00+07:00' })
  @IsISO8601({ strict: true })
  now!: string;
}
