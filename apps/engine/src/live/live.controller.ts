import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { badRequest } from '../common/problem/problem.exception';
import { CurrentPrincipal, Public } from '../identity/auth.decorators';
import { forbidden, unauthorized } from '../identity/auth.problems';
import { AuthService } from '../identity/auth.service';
import type { Principal } from '../identity/principal';
import { StreamQuery, StreamTicketDto } from './live.dto';
import { LiveStreams } from './live-streams.service';

const EVENT_ID = /^\d{1,18}$/;

/**
 * Live inbox updates by server-sent events. A browser's EventSource cannot send an Authorization
 * header, so the stream is opened with a ticket: the web app asks for one with its bearer token (POST
 * /events/ticket) and opens `GET /events/stream?ticket=…`. Chosen over the session cookie, which is
 * scoped to /api/v1/auth/session and rotates on every refresh (a stream would hold a token that stops
 * being the session's), and which people signed in through the province's identity provider do not
 * have; the ticket is signed (any engine process verifies it), lives a minute and opens only streams.
 */
@ApiTags('events')
@Controller('events')
export class LiveController {
  constructor(
    private readonly auth: AuthService,
    private readonly streams: LiveStreams,
  ) {}

  @Post('ticket')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'A ticket (valid a minute) that opens the live event stream of the signed-in person',
  })
  @ApiOkResponse({ type: StreamTicketDto })
  @ApiProblemResponses(401, 403)
  ticket(@CurrentPrincipal() principal: Principal): StreamTicketDto {
    if (principal.kind !== 'user')
      throw forbidden(
        'The live stream is for signed-in people (agency systems use webhooks).',
        'NOT_A_PERSON',
      );
    const { ticket, expiresAt } = this.auth.streamTicket(principal);
    return { ticket, expiresAt: expiresAt.toISOString() };
  }

  @Get('stream')
  @Public()
  @ApiOperation({
    summary:
      "Server-sent events of the steps of the caller's inbox (appeared, claimed, assigned, ended, deadline status)",
    description:
      'Opened with `?ticket=` from POST /events/ticket. Each `event: task` has `id:` the event id and `data:` a ' +
      'TaskEventDto. A reconnecting client sends `Last-Event-ID` (or `?lastEventId=`) and first gets what it ' +
      'missed; when that is more than 500 events or older than a day, an `event: reset` instead (refetch the ' +
      'inbox). A comment every 15 s keeps the stream open.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The last event id received' })
  @ApiOkResponse({
    description: 'The event stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiProblemResponses(400, 401)
  async stream(
    @Query() query: StreamQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (query.ticket === undefined || query.ticket === '') {
      throw unauthorized('Open the stream with ?ticket= from POST /api/v1/events/ticket.', 'NO_TICKET');
    }
    const principal = this.auth.authenticateStreamTicket(query.ticket);
    const header = req.headers['last-event-id'];
    const lastEventId = typeof header === 'string' && header !== '' ? header.trim() : query.lastEventId;
    if (lastEventId !== undefined && !EVENT_ID.test(lastEventId))
      throw badRequest('Last-Event-ID must be an event id (digits).');
    // From here the stream is ours: Nest and Fastify send nothing more.
    reply.hijack();
    await this.streams.open(principal, lastEventId, reply.raw, (listener) => req.raw.once('close', listener));
  }
}
