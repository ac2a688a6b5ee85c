import { ApiProperty } from '@nestjs/swagger';
import type * as C from '@lienthong/contracts';

export class HealthDto implements C.HealthDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({ enum: ['up'] })
  database!: 'up';

  @ApiProperty({ example: '0.1.0' })
  version!: string;
}
