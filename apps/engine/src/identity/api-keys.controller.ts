import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PageDto } from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { ApiPageResponse } from '../common/pagination/api-page-response.decorator';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal, RequireRoles } from './auth.decorators';
import type { Principal } from './principal';
import { ApiKeyDto, ApiKeyListQuery, CreateApiKeyBody, CreatedApiKeyDto } from './users.dto';

@ApiTags('api keys')
@ApiBearerAuth()
@RequireRoles('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'API keys of agency systems (admin), newest first; never the keys themselves' })
  @ApiPageResponse(ApiKeyDto)
  list(@Query() query: ApiKeyListQuery): Promise<PageDto<ApiKeyDto>> {
    return this.keys.list(query);
  }

  @Post()
  @Audit('api_key.create', { target: 'api_key' })
  @ApiOperation({
    summary: 'Create an API key for a unit (admin): the answer holds the key, shown this once',
    description: 'Agency systems send it as `X-API-Key: <key>` or `Authorization: Bearer <key>`.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblemResponses(400, 403, 422)
  create(
    @Body() body: CreateApiKeyBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedApiKeyDto> {
    return this.keys.create(body, principal);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Audit('api_key.revoke', { target: 'api_key' })
  @ApiOperation({ summary: 'Revoke an API key (admin): it stops working at once' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblemResponses(403, 404, 409)
  revoke(@Param('id') id: string): Promise<ApiKeyDto> {
    return this.keys.revoke(id);
  }
}
