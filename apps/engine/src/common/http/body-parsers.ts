import { type IncomingMessage, type ServerResponse } from 'node:http';
import { json, text } from 'body-parser';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig } from '../../config/app-config';
import { bodyParserProblem } from '../problem/to-problem.util';
import { isJsonMediaType, mediaTypeOf, XML_MEDIA_TYPES } from './media-types';

type NodeMiddleware = (
  request: IncomingMessage & { body?: unknown },
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * Request bodies: JSON (`application/json`, `*\/*+json`) parsed to objects, and XML (`application/xml`,
 * `text/xml`, `application/bpmn+xml`) kept as a string for the definitions controller, both limited to
 * BODY_LIMIT. Parser failures become problems (413 too large, 400 malformed, 415 bad charset) before they
 * reach Nest. Other media types are left unparsed and refused by the MediaTypeGuard (415).
 *
 * body-parser reads the body, in a Fastify `preValidation` hook: for every method and for an empty body
 * with a Content-Type (`{}` for JSON, `''` for XML), which Fastify's own parsing step skips. That step
 * accepts any media type and reads nothing.
 */
export function configureBodyParsers(app: NestFastifyApplication, config: AppConfig): void {
  const limit = config.http.bodyLimitBytes;
  const parsers: readonly NodeMiddleware[] = [
    json({ limit, type: (request: IncomingMessage) => isJsonMediaType(mediaTypeOf(request)) }),
    text({ limit, type: [...XML_MEDIA_TYPES], defaultCharset: 'utf-8' }),
  ];
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
  fastify.addHook('preValidation', (request, reply, done) => {
    const raw: IncomingMessage & { body?: unknown } = request.raw;
    const run = (index: number): void => {
      const parser = parsers[index];
      if (parser === undefined) {
        request.body = raw.body;
        done();
        return;
      }
      parser(raw, reply.raw, (error?: unknown) => {
        if (error === undefined) run(index + 1);
        else done((bodyParserProblem(error) ?? error) as Error);
      });
    };
    run(0);
  });
}
