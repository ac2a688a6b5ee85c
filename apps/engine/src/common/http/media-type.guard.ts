import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { ProblemException } from '../problem/problem.exception';
import { CONSUMES_METADATA } from './consumes.decorator';
import { perRoute } from './route-metadata';
import { hasBody, isJsonMediaType, JSON_MEDIA_TYPE, mediaTypeOf } from './media-types';

/** Refuses (415) a request body whose Content-Type the handler does not accept (see `@Consumes`). */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  /** The media types each route accepts. */
  private readonly acceptedBy = perRoute(
    (handler, controller) =>
      this.reflector.getAllAndOverride<string[] | undefined>(CONSUMES_METADATA, [handler, controller]) ?? [
        JSON_MEDIA_TYPE,
      ],
  );

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!hasBody(request)) return true;
    const accepted = this.acceptedBy(context.getHandler(), context.getClass());
    const type = mediaTypeOf(request);
    const ok = accepted.some((candidate) =>
      candidate === JSON_MEDIA_TYPE ? isJsonMediaType(type) : candidate === type,
    );
    if (ok) return true;
    throw ProblemException.of(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      `${type === undefined ? 'A body without Content-Type' : `Content-Type ${type}`} is not accepted here; ` +
        `send ${accepted.join(' or ')}.`,
      { extra: { accepted } },
    );
  }
}
