import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  AwaitingReturnDto,
  DossierDto,
  DossierPathDto,
  DossierSummaryDto,
  HistoryEventDto,
  PageDto,
  ReceptionGuidanceDto,
  TaskCompletionDto,
  VariableChangeDto,
} from '@lienthong/contracts';
import { TaskCompletionDto as TaskCompletionSchema } from '../tasks/task.dto';
import { ApiPageResponse, PageQuery } from '../common/pagination';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import {
  AwaitingReturnDto as AwaitingReturnSchema,
  AwaitingReturnQuery,
  CancelDossierBody,
  CreateDossierBody,
  CreateReceptionGuidanceBody,
  DossierDto as DossierSchema,
  DossierListQuery,
  DossierPathDto as DossierPathSchema,
  DossierSummaryDto as DossierSummarySchema,
  HistoryEventDto as HistoryEventSchema,
  ReceptionGuidanceDto as ReceptionGuidanceSchema,
  ReceptionGuidanceListQuery,
  RefuseDossierBody,
  ReturnResultBody,
  StopDossierBody,
  VariableChangeDto as VariableChangeSchema,
} from './dossier.dto';
import { DossierViewService } from './dossier-view.service';
import { DossiersService } from './dossiers.service';
import { ReceptionService } from './reception.service';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly reception: ReceptionService,
    private readonly view: DossierViewService,
  ) {}

  @Post()
  @Audit('dossier.receive', { target: 'dossier', keyInCommand: true })
  @ApiOperation({
    summary:
      'Receive a dossier (reception of the receiving unit): start the published version of a procedure',
  })
  @ApiCreatedResponse({ type: DossierSchema })
  @ApiProblemResponses(400, 403, 404, 422)
  create(@Body() body: CreateDossierBody, @CurrentPrincipal() principal: Principal): Promise<DossierDto> {
    return this.dossiers.create(body, principal);
  }

  @Post('refusals')
  @Audit('dossier.refuse', { target: 'dossier', keyInCommand: true })
  @ApiOperation({
    summary:
      'Refuse to receive a dossier, with reasons (Phiếu từ chối tiếp nhận giải quyết hồ sơ; reception of the receiving unit)',
    description:
      'The dossier is recorded with status refused and a code of the daily sequence, for the slip; no process runs and the statistics do not count it as received.',
  })
  @ApiCreatedResponse({ type: DossierSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  refuse(@Body() body: RefuseDossierBody, @CurrentPrincipal() principal: Principal): Promise<DossierDto> {
    return this.reception.refuse(body, principal);
  }

  @Post('reception-guidance')
  @Audit('dossier.guide', { keyInCommand: true })
  @ApiOperation({
    summary:
      'Guide the applicant to supplement their papers, listing everything missing once (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ)',
    description: 'Kept to be printed and found again; not a received dossier.',
  })
  @ApiCreatedResponse({ type: ReceptionGuidanceSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  guide(
    @Body() body: CreateReceptionGuidanceBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReceptionGuidanceDto> {
    return this.reception.guide(body, principal);
  }

  @Get('reception-guidance')
  @ApiOperation({ summary: "The caller's desk's supplement guidances, newest first" })
  @ApiPageResponse(ReceptionGuidanceSchema)
  @ApiProblemResponses(400)
  guidances(
    @Query() query: ReceptionGuidanceListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageDto<ReceptionGuidanceDto>> {
    return this.reception.guidanceList(query, principal);
  }

  @Get('reception-guidance/:idOrCode')
  @ApiOperation({ summary: "A supplement guidance of the caller's desk, by id or code" })
  @ApiOkResponse({ type: ReceptionGuidanceSchema })
  @ApiProblemResponses(404)
  guidance(
    @Param('idOrCode') idOrCode: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReceptionGuidanceDto> {
    return this.reception.guidance(idOrCode, principal);
  }

  @Get('awaiting-return')
  @ApiOperation({
    summary:
      "Dossiers whose result waits at the caller's desk (their last step, of reception), longest waiting first",
  })
  @ApiPageResponse(AwaitingReturnSchema)
  @ApiProblemResponses(400)
  awaitingReturn(
    @Query() query: AwaitingReturnQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageDto<AwaitingReturnDto>> {
    return this.reception.awaitingReturn(query, principal);
  }

  @Get()
  @ApiOperation({ summary: 'Dossiers the caller may see (received by or held at their unit), newest first' })
  @ApiPageResponse(DossierSummarySchema)
  @ApiProblemResponses(400)
  list(
    @Query() query: DossierListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageDto<DossierSummaryDto>> {
    return this.dossiers.list(query, principal);
  }

  @Get(':idOrCode')
  @ApiOperation({ summary: 'A dossier by id or official code, with its active steps' })
  @ApiOkResponse({ type: DossierSchema })
  @ApiProblemResponses(404)
  get(@Param('idOrCode') idOrCode: string, @CurrentPrincipal() principal: Principal): Promise<DossierDto> {
    return this.dossiers.get(idOrCode, principal);
  }

  @Get(':idOrCode/history')
  @ApiOperation({ summary: "A dossier's history events, oldest first" })
  @ApiPageResponse(HistoryEventSchema)
  @ApiProblemResponses(400, 404)
  history(
    @Param('idOrCode') idOrCode: string,
    @Query() query: PageQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageDto<HistoryEventDto>> {
    return this.dossiers.history(idOrCode, query, principal);
  }

  @Get(':idOrCode/path')
  @ApiOperation({
    summary: "The dossier's version as BPMN XML, with the elements it passed, waits at and was late at",
  })
  @ApiOkResponse({ type: DossierPathSchema })
  @ApiProblemResponses(404)
  path(
    @Param('idOrCode') idOrCode: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DossierPathDto> {
    return this.view.path(idOrCode, principal);
  }

  @Get(':idOrCode/variable-history')
  @ApiOperation({ summary: 'Who set which variable of the dossier, when and at which step, oldest first' })
  @ApiOkResponse({ type: [VariableChangeSchema] })
  @ApiProblemResponses(404)
  variableHistory(
    @Param('idOrCode') idOrCode: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<VariableChangeDto[]> {
    return this.view.variableHistory(idOrCode, principal);
  }

  @Post(':idOrCode/return')
  @HttpCode(200)
  @Audit('dossier.return', { target: 'dossier', keyInCommand: true })
  @ApiOperation({
    summary:
      'Return the result (the last step, at the desk) and record who collected it (variable resultCollector)',
  })
  @ApiOkResponse({ type: TaskCompletionSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  returnResult(
    @Param('idOrCode') idOrCode: string,
    @Body() body: ReturnResultBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskCompletionDto> {
    return this.reception.returnResult(idOrCode, body, principal);
  }

  @Post(':idOrCode/cancel')
  @HttpCode(200)
  @Audit('dossier.cancel', { target: 'dossier', keyInCommand: true })
  @ApiOperation({
    summary: 'Cancel a dossier (e.g. withdrawn by the applicant): every open step is cancelled',
  })
  @ApiOkResponse({ type: DossierSchema })
  @ApiProblemResponses(403, 404, 409)
  cancel(
    @Param('idOrCode') idOrCode: string,
    @Body() body: CancelDossierBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DossierDto> {
    return this.dossiers.cancel(idOrCode, body.reason, principal);
  }

  @Post(':idOrCode/stop')
  @HttpCode(200)
  @Audit('dossier.stop', { target: 'dossier', keyInCommand: true })
  @ApiOperation({
    summary:
      'Stop handling a dossier (Thông báo dừng giải quyết hồ sơ): every open step ends, the dossier ends stopped',
    description:
      'By a leader of the receiving unit or of a unit holding one of its open steps, with a reason (e.g. not supplemented within 15 working days, Decree 297/2025); 409 when the dossier has already ended.',
  })
  @ApiOkResponse({ type: DossierSchema })
  @ApiProblemResponses(400, 403, 404, 409)
  stop(
    @Param('idOrCode') idOrCode: string,
    @Body() body: StopDossierBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DossierDto> {
    return this.dossiers.stop(idOrCode, body, principal);
  }
}
