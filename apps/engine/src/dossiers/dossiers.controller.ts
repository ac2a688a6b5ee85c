import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DossierDto, DossierSummaryDto, HistoryEventDto, PageDto } from '@lienthong/contracts';
import { PageQuery } from '../common/pagination';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import { CancelDossierBody, CreateDossierBody, DossierListQuery } from './dossier.dto';
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
  create(@Body() body: CreateDossierBody, @CurrentPrincipal() principal: Principal): Promise<DossierDto> {
    return this.dossiers.create(body, principal);
  }

  @Get()
  @ApiOperation({ summary: 'Dossiers the caller may see (received by or held at their unit), newest first' })
  list(
    @Query() query: DossierListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageDto<DossierSummaryDto>> {
    return this.dossiers.list(query, principal);
  }

  @Get(':idOrCode')
  @ApiOperation({ summary: 'A dossier by id or official code, with its active steps' })
  get(@Param('idOrCode') idOrCode: string, @CurrentPrincipal() principal: Principal): Promise<DossierDto> {
    return this.dossiers.get(idOrCode, principal);
  }

  @Get(':idOrCode/history')
  @ApiOperation({ summary: "A dossier's history events, oldest first" })
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
  cancel(
    @Param('idOrCode') idOrCode: string,
    @Body() body: CancelDossierBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DossierDto> {
    return this.dossiers.cancel(idOrCode, body.reason, principal);
  }
}
