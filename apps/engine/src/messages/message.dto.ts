import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { MessageDto, VariablesDto } from '@lienthong/contracts';

export class MessageBody implements MessageDto {
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

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { paidAmount: 1500000 } })
  @IsOptional()
  @IsObject()
  variables?: VariablesDto;
}
