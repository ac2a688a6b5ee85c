import { type IncomingMessage, type ServerResponse } from 'node:http';
import { json, text } from 'body-parser';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AppConfig } from '../../config/app-config';
import { ProblemException } from '../problem/problem.exception';
import { bodyParserProblem } from '../problem/to-problem.util';
import { unstorableText } from './storable-text.util';
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
 *
 * A JSON body with a string (key or value) PostgreSQL cannot store — a NUL character or a lone UTF-16
 * surrogate — is refused here with 400 `unstorable-text`, naming each by JSON pointer, before any route
 * runs; so are path and query parameters with a NUL (`params/key`, `query/key`). BPMN XML gets the
 * same check, per element, when it is read.
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
    const inUrl = [...unstorableText(request.params, 'params'), ...unstorableText(request.query, 'query')];
    if (inUrl.length > 0) {
      done(unstorableTextProblem(inUrl));
      return;
    }
    const raw: IncomingMessage & { body?: unknown } = request.raw;
    const run = (index: number): void => {
      const parser = parsers[index];
      if (parser === undefined) {
        const errors = typeof raw.body === 'object' ? unstorableText(raw.body) : [];
        if (errors.length > 0) {
          done(unstorableTextProblem(errors));
          return;
        }
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

function unstorableTextProblem(errors: ReturnType<typeof unstorableText>): ProblemException {
  return ProblemException.of(
    400,
    'unstorable-text',
    'Text that cannot be stored',
    `The request contains text that cannot be stored (a NUL character or a lone UTF-16 surrogate) at ${errors
      .map((e) => e.path || '/')
      .join(', ')}.`,
    { extra: { errors } },
  );
}
