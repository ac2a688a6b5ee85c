import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { DossierDto as DossierSchema } from '../dossiers/dossier.dto';
import { ControlSheetDto as ControlSheetSchema } from './control-sheet.dto';
import type { ControlSheetDto, DeadlineEventDto, DossierDto } from '@lienthong/contracts';
import { DossiersService } from '../dossiers/dossiers.service';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import {
  DeadlineEventDto as DeadlineEventSchema,
  ExtensionBody,
  PauseBody,
  ResumeBody,
  SupplementReceivedBody,
} from './deadlines.dto';
import { DeadlinesService } from './deadlines.service';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('dossiers')
export class DeadlinesController {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly dossiers: DossiersService,
  ) {}

  @Post(':idOrCode/pause')
  @HttpCode(200)
  @Audit('dossier.pause', { target: 'dossier', keyInCommand: true })
  @ApiOperation({
    summary:
      "Pause the dossier's legal clock for a period the law does not count (expert assessment, public posting…)",
  })
  @ApiOkResponse({ type: DossierSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  async pause(
    @Param('idOrCode') idOrCode: string,
    @Body() body: PauseBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DossierDto> {
    return this.deadlines.pause(idOrCode, body.reason, principal, ({ row }, sql) =>
      this.dossiers.get(row.id, principal, sql),
    );
  }

  @Post(':idOrCode/resume')
  @HttpCode(200)
  @Audit('dossier.resume', { target: 'dossier', keyInCommand: true })
  @ApiOperation({ summary: 'Resume a paused clock with exactly the working time that was left' })
  @ApiOkResponse({ type: DossierSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  async resume(
    @Param('idOrCode') idOrCode: string,
    @Body() body: ResumeBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DossierDto> {
    return this.deadlines.resume(idOrCode, body.reason, principal, ({ row }, sql) =>
      this.dossiers.get(row.id, principal, sql),
    );
  }

  @Post(':idOrCode/extension')
  @HttpCode(200)
  @Audit('dossier.extend', { target: 'dossier', keyInCommand: true })
  @ApiOperation({
    summary: 'Apologise and give a new return date (Phiếu xin lỗi và hẹn lại ngày trả kết quả)',
    description:
      'At least 1 working day before the due date, once per dossier; the dossier still counts as late.',
  })
  @ApiOkResponse({ type: DossierSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  async extend(
    @Param('idOrCode') idOrCode: string,
    @Body() body: ExtensionBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DossierDto> {
    return this.deadlines.extend(idOrCode, body, principal, ({ row }, sql) =>
      this.dossiers.get(row.id, principal, sql),
    );
  }

  @Post(':idOrCode/supplement-received')
  @HttpCode(200)
  @Audit('dossier.supplement-received', { target: 'dossier', keyInCommand: true })
  @ApiOperation({
    summary: 'The complete dossier arrived after a supplement request: the time limit restarts from zero',
    description:
      'By the receiving desk or a unit holding an open step. Decree 61/2018 art. 19.4: the legal time limit ' +
      'restarts at this instant (deadline event `restarted`), due instants on the working-day calendar; open ' +
      "steps' clocks resume. No open request: 409 `no-supplement-pending`.",
  })
  @ApiOkResponse({ type: DossierSchema })
  @ApiProblemResponses(400, 403, 404, 409)
  async supplementReceived(
    @Param('idOrCode') idOrCode: string,
    @Body() body: SupplementReceivedBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DossierDto> {
    return this.deadlines.supplementReceived(idOrCode, body.note, principal, ({ row }, sql) =>
      this.dossiers.get(row.id, principal, sql),
    );
  }

  @Get(':idOrCode/deadline-events')
  @ApiOperation({
    summary: 'Pauses, restarts, extensions, recomputations and due-soon/overdue transitions of a dossier',
  })
  @ApiOkResponse({ type: [DeadlineEventSchema] })
  @ApiProblemResponses(404)
  events(
    @Param('idOrCode') idOrCode: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeadlineEventDto[]> {
    return this.deadlines.events(idOrCode, principal);
  }

  @Get(':idOrCode/control-sheet')
  @ApiOperation({ summary: 'The process control record (Phiếu kiểm soát quá trình giải quyết hồ sơ)' })
  @ApiOkResponse({ type: ControlSheetSchema })
  @ApiProblemResponses(404)
  controlSheet(
    @Param('idOrCode') idOrCode: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ControlSheetDto> {
    return this.deadlines.controlSheet(idOrCode, principal);
  }
}
