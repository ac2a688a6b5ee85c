import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { SavedFilterDto } from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import { CreateSavedFilterBody, SavedFilterDto as SavedFilterSchema } from './saved-filters.dto';
import { SavedFiltersService } from './saved-filters.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('me/saved-filters')
export class SavedFiltersController {
  constructor(private readonly filters: SavedFiltersService) {}

  @Get()
  @ApiOperation({ summary: "The caller's saved inbox filters, by name" })
  @ApiOkResponse({ type: [SavedFilterSchema] })
  list(@CurrentPrincipal() principal: Principal): Promise<SavedFilterDto[]> {
    return this.filters.list(principal);
  }

  @Post()
  @Audit('saved-filter.create')
  @ApiOperation({ summary: "Save the inbox's filters under a name (the caller's own)" })
  @ApiCreatedResponse({ type: SavedFilterSchema })
  @ApiProblemResponses(400, 409, 422)
  create(
    @Body() body: CreateSavedFilterBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SavedFilterDto> {
    return this.filters.create(body, principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @Audit('saved-filter.delete')
  @ApiOperation({ summary: 'Delete one of the caller’s saved filters' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponses(404)
  delete(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    return this.filters.delete(id, principal);
  }
}
