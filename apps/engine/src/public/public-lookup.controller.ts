import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { notFound } from '../common/problem/problem.exception';
import { iso } from '../common/sql/sql-filter.util';
import { DOSSIER_CODE } from '../common/sql/daily-number.util';
import { Public } from '../identity/auth.decorators';
import { PublicRepository } from './public.repository';
import type * as C from '@lienthong/contracts';

export class PublicStepDto implements C.PublicStepDto {
  @ApiProperty({ type: String, example: 'Thẩm định hồ sơ', nullable: true })
  name!: string | null;

  @ApiProperty({ example: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Cao Lãnh', nullable: true })
  unitName!: string | null;
}

export class PublicDossierDto implements C.PublicDossierDto {
  @ApiProperty({ example: '000.00.02.H20-261122-0001' })
  code!: string;

  @ApiProperty({ type: String, example: 'Tách thửa hoặc hợp thửa đất', nullable: true })
  procedureName!: string | null;

  @ApiProperty({
    enum: ['active', 'completed', 'cancelled', 'terminated', 'refused'],
    enumName: 'PublicDossierStatus',
  })
  status!: C.PublicDossierDto['status'];

  @ApiProperty({ example: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp', nullable: true })
  receivedBy!: string | null;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true, description: 'Ngày hẹn trả kết quả' })
  appointmentAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ type: PublicStepDto, isArray: true, description: 'Where the dossier is being handled now' })
  currentSteps!: PublicStepDto[];
}

/**
 * Tra cứu hồ sơ: a citizen looks a dossier up by the code on their receipt. No sign-in, and nothing
 * personal: no applicant, no variables, no officers; only where the dossier is and when it is due.
 */
@ApiTags('public')
@Public()
@Controller('public/dossiers')
export class PublicLookupController {
  constructor(private readonly dossiers: PublicRepository) {}

  @Get(':code')
  @ApiOperation({
    summary: 'Tra cứu hồ sơ: status and appointment date of a dossier by its code (no sign-in)',
  })
  @ApiOkResponse({ type: PublicDossierDto })
  @ApiProblemResponses(404)
  async lookup(@Param('code') code: string): Promise<PublicDossierDto> {
    if (!DOSSIER_CODE.test(code)) throw notFound('Dossier', code);
    const row = await this.dossiers.findByCode(code);
    if (!row) throw notFound('Dossier', code);
    return {
      code: row.code,
      procedureName: row.procedure_name,
      status: row.status,
      receivedBy: row.received_by,
      receivedAt: iso(row.created_at) as string,
      appointmentAt: iso(row.appointment_at),
      finishedAt: iso(row.ended_at),
      currentSteps: row.steps.map((s) => ({ name: s.name, unitName: s.unit_name })),
    };
  }
}
