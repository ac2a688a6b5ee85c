import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MessageResultDto } from '@lienthong/contracts';
import { DossiersService } from '../dossiers/dossiers.service';
import { CurrentActor } from '../runtime/actor.decorator';
import type { Actor } from '../runtime/process-runtime.service';
import { MessageBody } from './message.dto';

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deliver a message (e.g. payment-confirmed) to the dossier waiting for it',
    description: '409 when the dossier is not waiting for a message of that name.',
  })
  correlate(@Body() body: MessageBody, @CurrentActor() actor: Actor): Promise<MessageResultDto> {
    return this.dossiers.correlate(body, actor);
  }
}
