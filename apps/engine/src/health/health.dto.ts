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

export class LivenessDto implements C.LivenessDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({ example: '0.1.0' })
  version!: string;
}

export class ReadinessDto implements C.ReadinessDto {
  @ApiProperty({ enum: ['ready'] })
  status!: 'ready';

  @ApiProperty({ enum: ['up'] })
  database!: 'up';

  @ApiProperty({ description: 'Migrations recorded in the database (equal to those this version knows).' })
  migrations!: number;

  @ApiProperty({ example: '0.1.0' })
  version!: string;
}
