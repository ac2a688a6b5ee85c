import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DossierDto, DossierSummaryDto, HistoryEventDto, PageDto } from '@lienthong/contracts';
import { PageQuery } from '../common/pagination';
import { CurrentActor } from '../runtime/actor.decorator';
import type { Actor } from '../runtime/process-runtime.service';
import { CancelDossierBody, CreateDossierBody, DossierListQuery } from './dossier.dto';
import { DossiersService } from './dossiers.service';

@ApiTags('dossiers')
@Controller('dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @ApiOperation({ summary: 'Receive a dossier: start the published version of a procedure' })
  create(@Body() body: CreateDossierBody, @CurrentActor() actor: Actor): Promise<DossierDto> {
    return this.dossiers.create(body, actor);
  }

  @Get()
  @ApiOperation({ summary: 'List dossiers, newest first' })
  list(@Query() query: DossierListQuery): Promise<PageDto<DossierSummaryDto>> {
    return this.dossiers.list(query);
  }

  @Get(':idOrCode')
  @ApiOperation({ summary: 'A dossier by id or official code, with its active steps' })
  get(@Param('idOrCode') idOrCode: string): Promise<DossierDto> {
    return this.dossiers.get(idOrCode);
  }

  @Get(':idOrCode/history')
  @ApiOperation({ summary: "A dossier's history events, oldest first" })
  history(@Param('idOrCode') idOrCode: string, @Query() query: PageQuery): Promise<PageDto<HistoryEventDto>> {
    return this.dossiers.history(idOrCode, query);
  }

  @Post(':idOrCode/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a dossier (e.g. withdrawn by the applicant): every open step is cancelled',
  })
  cancel(
    @Param('idOrCode') idOrCode: string,
    @Body() body: CancelDossierBody,
    @CurrentActor() actor: Actor,
  ): Promise<DossierDto> {
    return this.dossiers.cancel(idOrCode, body.reason, actor);
  }
}
