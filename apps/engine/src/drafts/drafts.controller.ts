import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { PageDto } from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { ApiPageResponse } from '../common/pagination';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { CurrentPrincipal, RequireRoles } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import { CreateDraftBody, DraftDto, DraftListQuery, DraftSummaryDto, SaveDraftBody } from './drafts.dto';
import { DraftsService } from './drafts.service';

@ApiTags('drafts')
@ApiBearerAuth()
@RequireRoles('designer', 'publisher')
@Controller('drafts')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @Get()
  @ApiOperation({ summary: "The designer's drafts, last saved first (without their XML)" })
  @ApiPageResponse(DraftSummaryDto)
  @ApiProblemResponses(400, 403)
  list(@Query() query: DraftListQuery): Promise<PageDto<DraftSummaryDto>> {
    return this.drafts.list(query);
  }

  @Post()
  @Audit('draft.create', { target: 'draft' })
  @ApiOperation({
    summary: 'Save a new draft (roles designer, publisher)',
    description:
      'Its key is the id of the executable process in the XML. Unreadable XML is a 400 problem; a draft is not validated (the designer shows its problems while drawing).',
  })
  @ApiCreatedResponse({ type: DraftDto })
  @ApiProblemResponses(400, 403, 413)
  create(@Body() body: CreateDraftBody, @CurrentPrincipal() principal: Principal): Promise<DraftDto> {
    return this.drafts.create(body, principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A draft, with its XML' })
  @ApiOkResponse({ type: DraftDto })
  @ApiProblemResponses(403, 404)
  get(@Param('id') id: string): Promise<DraftDto> {
    return this.drafts.get(id);
  }

  @Put(':id')
  @Audit('draft.save', { target: 'draft' })
  @ApiOperation({
    summary: 'Save a draft over the revision it was edited from',
    description:
      'Answers the draft with revision + 1. A stale `revision` (someone saved since) is a 409 problem `draft-conflict` with `currentRevision`, `updatedBy` and `updatedAt`: nothing is overwritten.',
  })
  @ApiOkResponse({ type: DraftDto })
  @ApiProblemResponses(400, 403, 404, 409, 413)
  save(
    @Param('id') id: string,
    @Body() body: SaveDraftBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DraftDto> {
    return this.drafts.save(id, body, principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @Audit('draft.delete', { target: 'draft' })
  @ApiOperation({ summary: 'Delete a draft' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(403, 404)
  async remove(@Param('id') id: string): Promise<void> {
    await this.drafts.remove(id);
  }
}
