import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Public } from '../identity/auth.decorators';
import { MetricsService } from './metrics.service';

/**
 * `GET /metrics` in Prometheus's text format, outside the API prefix and its document. No sign-in: the
 * engine listens on loopback or a private network; expose it to the scraper only.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const text = await this.metrics.text();
    reply.header('content-type', this.metrics.contentType);
    return text;
  }
}
