import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type * as C from '@lienthong/contracts';
import { VARIABLES_SCHEMA } from '../dossiers/dossier.dto';

export class MessageBody implements C.MessageDto {
  @ApiProperty({ example: 'payment-confirmed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsString()
  dossierId?: string;

  @ApiPropertyOptional({ example: '000.00.12.H20-260302-0001' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  dossierCode?: string;

  @ApiPropertyOptional({
    example: 'G22.99-250301-000123',
    description: "The dossier's number in the sender's system (externalRef)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  correlationKey?: string;

  @ApiPropertyOptional({ ...VARIABLES_SCHEMA, example: { paidAmount: 1500000 } })
  @IsOptional()
  @IsObject()
  variables?: C.VariablesDto;

  @ApiPropertyOptional({
    example: 'kbnn-20260302-000871',
    description: 'The same messageId is applied once; a repeat gets the first answer',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  messageId?: string;

  @ApiPropertyOptional({
    example: 86400,
    description: 'Keep a message that arrives early this long (seconds)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90 * 86_400)
  ttlSeconds?: number;
}

export class MessageResultDto implements C.MessageResultDto {
  @ApiProperty({ format: 'uuid' })
  dossierId!: string;

  @ApiProperty({ example: '000.00.12.H20-260302-0001' })
  dossierCode!: string;

  @ApiProperty({ description: 'true: a waiting step took it' })
  correlated!: boolean;

  @ApiProperty({ description: 'true: the dossier does not wait for it yet; it is kept until expiresAt' })
  buffered!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;
}
