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
import { Clock } from '../common/clock/clock';
import { AuditRepository } from './audit.repository';

/** `replayed`: answered with the stored response of an earlier request with the same Idempotency-Key. */
const AUDIT_OUTCOMES = enumOf<C.AuditOutcome>({ success: true, denied: true, failed: true, replayed: true });

/**
 * How far back a search of the log reads when no `from` is given: the log is partitioned by month
 * (ADR 0011), and a search without a period would read every month of the province's years.
 */
export const AUDIT_DEFAULT_MONTHS = 3;

/** `months` calendar months before `at` (UTC). */
function monthsBefore(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

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

  @ApiPropertyOptional({
    format: 'date-time',
    description: `Entries at or after this instant; by default a day before the receipt of \`dossierId\` when given, else ${AUDIT_DEFAULT_MONTHS} months before \`to\` (or before now)`,
  })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Entries before this instant; by default up to now',
  })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@RequireRoles('admin')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The audit log (admin), newest first, with filters',
    description:
      `Searches the period from \`from\` to \`to\`: without \`from\`, the last ${AUDIT_DEFAULT_MONTHS} months before \`to\` ` +
      '(or before now), or for a `dossierId` its whole life (from a day before its receipt). The answer says the ' +
      'period searched; give an earlier `from` to search further back.',
  })
  @ApiPageResponse(AuditEntryDto, 'A page of the log, and the period searched', {
    from: { type: 'string', format: 'date-time', description: 'Start of the period searched (inclusive)' },
    to: {
      type: 'string',
      format: 'date-time',
      nullable: true,
      description: 'End of the period (exclusive); null: up to now',
    },
  })
  @ApiProblemResponses(400, 403)
  async list(@Query() q: AuditQuery): Promise<C.AuditPageDto> {
    let after: string | undefined;
    if (q.cursor) {
      after = decodeCursor<{ id: string }>(q.cursor, ['id']).id;
      if (!/^\d{1,19}$/.test(after))
        throw badRequest('The cursor is not valid for this list.', undefined, { slug: 'invalid-cursor' });
    }
    const to = q.to ?? null;
    const from =
      q.from ??
      (
        (q.dossierId ? await this.audit.dossierSince(q.dossierId) : undefined) ??
        monthsBefore(to === null ? this.clock.now() : new Date(to), AUDIT_DEFAULT_MONTHS)
      ).toISOString();
    if (q.from !== undefined && to !== null && Date.parse(from) >= Date.parse(to))
      throw badRequest('The period is empty: `from` must be before `to`.', [
        { path: 'from', message: 'not before to' },
      ]);
    const rows = await this.audit.list({ ...q, from }, after);
    const page = toPage(
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
    return {
      ...page,
      from: new Date(from).toISOString(),
      to: to === null ? null : new Date(to).toISOString(),
    };
  }
}
