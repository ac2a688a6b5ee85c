import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MessageResultDto } from '@lienthong/contracts';
import { DossiersService } from '../dossiers/dossiers.service';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import { MessageBody } from './message.dto';

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @HttpCode(200)
  @Audit('message.correlate', { target: 'message' })
  @ApiOperation({
    summary: 'Deliver a message (e.g. payment-confirmed) to the dossier waiting for it',
    description: '409 when the dossier is not waiting for a message of that name.',
  })
  correlate(@Body() body: MessageBody, @CurrentPrincipal() principal: Principal): Promise<MessageResultDto> {
    return this.dossiers.correlate(body, principal);
  }
}
