import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { type FastifyReply } from 'fastify';
import type { MessageResultDto } from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import { MessageBody, MessageResultDto as MessageResultSchema } from './message.dto';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @HttpCode(200)
  @Audit('message.correlate', { target: 'message', keyInCommand: true })
  @ApiOperation({
    summary: 'Deliver a message (e.g. payment-confirmed) to the dossier waiting for it',
    description:
      '200 when a waiting step took it; 202 when the dossier does not wait for it yet: it is kept (ttlSeconds, ' +
      'default MESSAGE_TTL) and delivered when the dossier reaches such a step. The same messageId is applied once ' +
      '(a repeat gets the first answer). The dossier is named by dossierId, dossierCode or correlationKey (its externalRef).',
  })
  @ApiOkResponse({ type: MessageResultSchema, description: 'A waiting step took the message' })
  @ApiAcceptedResponse({ type: MessageResultSchema, description: 'Kept until the dossier waits for it' })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  async correlate(
    @Body() body: MessageBody,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<MessageResultDto> {
    const { status, body: answer } = await this.messages.correlate(body, principal);
    res.status(status);
    return answer;
  }
}
