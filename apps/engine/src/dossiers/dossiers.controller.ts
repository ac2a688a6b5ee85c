import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DossierDto, DossierSummaryDto, HistoryEventDto, PageDto } from '@lienthong/contracts';
import { ApiPageResponse, PageQuery } from '../common/pagination';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import {
  CancelDossierBody,
  CreateDossierBody,
  DossierDto as DossierSchema,
  DossierListQuery,
  DossierSummaryDto as DossierSummarySchema,
  HistoryEventDto as HistoryEventSchema,
} from './dossier.dto';
import { DossiersService } from './dossiers.service';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

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
}
