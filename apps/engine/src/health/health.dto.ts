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

export class StandbyDto implements C.StandbyDto {
  @ApiProperty({ enum: ['up', 'down'] })
  state!: 'up' | 'down';

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Seconds the replay is behind (0: all received is replayed); null while down.',
  })
  lagSeconds!: number | null;
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

  @ApiProperty({
    type: StandbyDto,
    required: false,
    description:
      'With DATABASE_READ_URL: the read standby (down does not make the engine unready: reads go to the primary).',
  })
  standby?: StandbyDto;
}
