import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type * as C from '@lienthong/contracts';
import { decodeCursor, PageQuery, toPage } from '../common/pagination';
import { ApiPageResponse } from '../common/pagination/api-page-response.decorator';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { badRequest } from '../common/problem/problem.exception';
import { iso } from '../common/sql/sql-filter.util';
import { RequireRoles } from '../identity/auth.decorators';
import { enumOf } from '../common/http/api-enum.util';
import { AuditRepository } from './audit.repository';

/** `replayed`: answered with the stored response of an earlier request with the same Idempotency-Key. */
const AUDIT_OUTCOMES = enumOf<C.AuditOutcome>({ success: true, denied: true, failed: true, replayed: true });

export class AuditEntryDto implements C.AuditEntryDto {
  @ApiProperty({ example: '1042' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: ['user', 'api_key', 'system', 'anonymous'], enumName: 'AuditActorKind' })
  actorKind!: C.AuditEntryDto['actorKind'];

  @ApiProperty({ example: 'cv.vpdk' })
  actorId!: string;

  @ApiProperty({ nullable: true, example: 'DTP-VPDK-CL' })
  unitCode!: string | null;

  @ApiProperty({ example: 'task.complete' })
  action!: string;

  @ApiProperty({ example: 'POST' })
  method!: string;

  @ApiProperty({ example: '/api/v1/tasks/…/complete' })
  path!: string;

  @ApiProperty({ nullable: true, example: 'task' })
  targetType!: string | null;

  @ApiProperty({ nullable: true })
  targetId!: string | null;

  @ApiProperty({ nullable: true, format: 'uuid' })
  dossierId!: string | null;

  @ApiProperty({ example: 200 })
  status!: number;

  @ApiProperty({ enum: AUDIT_OUTCOMES, enumName: 'AuditOutcome' })
  outcome!: C.AuditOutcome;

  @ApiProperty({ nullable: true, example: '127.0.0.1' })
  ip!: string | null;

  @ApiProperty({ nullable: true })
  requestId!: string | null;

  @ApiProperty({ nullable: true })
  detail!: string | null;
}

export class AuditQuery extends PageQuery implements C.AuditQueryDto {
  @ApiPropertyOptional({ example: 'cv.vpdk' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ example: 'DTP-VPDK-CL' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  unit?: string;

  @ApiPropertyOptional({ example: 'task.complete' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;

  @ApiPropertyOptional({ description: 'Id of the task, definition key, unit code, user id…' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  targetId?: string;

  @ApiPropertyOptional({ enum: AUDIT_OUTCOMES, enumName: 'AuditOutcome' })
  @IsOptional()
  @IsIn(AUDIT_OUTCOMES)
  outcome?: C.AuditOutcome;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@RequireRoles('admin')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditRepository) {}

  @Get()
  @ApiOperation({ summary: 'The audit log (admin), newest first, with filters' })
  @ApiPageResponse(AuditEntryDto)
  @ApiProblemResponses(400, 403)
  async list(@Query() q: AuditQuery): Promise<C.PageDto<AuditEntryDto>> {
    let after: string | undefined;
    if (q.cursor) {
      after = decodeCursor<{ id: string }>(q.cursor, ['id']).id;
      if (!/^\d{1,19}$/.test(after))
        throw badRequest('The cursor is not valid for this list.', undefined, { slug: 'invalid-cursor' });
    }
    const rows = await this.audit.list(q, after);
    return toPage(
      rows.map((r) => ({
        id: r.id,
        at: iso(r.at) as string,
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        unitCode: r.unit_code,
        action: r.action,
        method: r.method,
        path: r.path,
        targetType: r.target_type,
        targetId: r.target_id,
        dossierId: r.dossier_id,
        status: r.status,
        outcome: r.outcome,
        ip: r.ip,
        requestId: r.request_id,
        detail: r.detail,
      })),
      q.limit,
      (e) => ({ id: e.id }),
    );
  }
}
