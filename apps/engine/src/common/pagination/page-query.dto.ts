import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type * as C from '@lienthong/contracts';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/**
 * `?limit=&cursor=` of every list endpoint. Lists with filters extend it:
 * `class DossierListQuery extends PageQuery { @IsOptional() @IsIn([...]) status?: ... }`.
 */
export class PageQuery implements C.PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit: number = DEFAULT_PAGE_LIMIT;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page; omit for the first page' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;
}
