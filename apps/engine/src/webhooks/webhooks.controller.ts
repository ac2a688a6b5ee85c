import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PageDto } from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { ApiPageResponse } from '../common/pagination/api-page-response.decorator';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import {
  CreatedWebhookDto,
  CreateWebhookBody,
  WebhookDeliveryDto,
  WebhookDeliveryListQuery,
  WebhookDto,
  WebhookListQuery,
} from './webhooks.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Audit('webhook.create', { target: 'webhook' })
  @ApiOperation({
    summary: "Subscribe a URL to a unit's events (an admin for any unit, an API key for its own unit)",
    description:
      'Deliveries are POSTed as JSON with X-LT-Event, X-LT-Delivery, X-LT-Timestamp and X-LT-Signature ' +
      '(`v1=` hex HMAC-SHA256 of `<timestamp>.<body>` with the secret): see README, "Webhooks". ' +
      'The answer holds the secret, shown this once.',
  })
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  @ApiProblemResponses(400, 403, 409, 422)
  create(
    @Body() body: CreateWebhookBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedWebhookDto> {
    return this.webhooks.create(body, principal);
  }

  @Get()
  @ApiOperation({
    summary: "Subscriptions (admin: every unit's; API key: its unit's), newest first; never the secrets",
  })
  @ApiPageResponse(WebhookDto)
  @ApiProblemResponses(403)
  list(
    @Query() query: WebhookListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageDto<WebhookDto>> {
    return this.webhooks.list(query, principal);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Audit('webhook.deactivate', { target: 'webhook' })
  @ApiOperation({ summary: 'Stop a subscription: no new deliveries, pending ones are marked failed' })
  @ApiOkResponse({ type: WebhookDto })
  @ApiProblemResponses(403, 404, 409)
  deactivate(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<WebhookDto> {
    return this.webhooks.deactivate(id, principal);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Delivery log of a subscription, newest first: attempts, last answer, payload' })
  @ApiPageResponse(WebhookDeliveryDto)
  @ApiProblemResponses(400, 403, 404)
  deliveries(
    @Param('id') id: string,
    @Query() query: WebhookDeliveryListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageDto<WebhookDeliveryDto>> {
    return this.webhooks.deliveries(id, query, principal);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(200)
  @Audit('webhook.retry', { target: 'webhook' })
  @ApiOperation({ summary: 'Attempt a failed delivery again now (one attempt)' })
  @ApiOkResponse({ type: WebhookDeliveryDto })
  @ApiProblemResponses(403, 404, 409)
  retry(
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.retry(id, deliveryId, principal);
  }
}
