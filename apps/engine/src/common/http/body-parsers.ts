import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type AppConfig } from '../../config/app-config';
import { bodyParserProblem } from '../problem/to-problem.util';
import { isJsonMediaType, mediaTypeOf, XML_MEDIA_TYPES } from './media-types';

/**
 * Request bodies: JSON (`application/json`, `*\/*+json`) parsed to objects, and XML (`application/xml`,
 * `text/xml`, `application/bpmn+xml`) kept as a string for the definitions controller, both limited to
 * BODY_LIMIT. Parser failures become problems (413 too large, 400 malformed, 415 bad charset) before they
 * reach Nest. Other media types are left unparsed and refused by the MediaTypeGuard (415).
 */
export function configureBodyParsers(app: NestExpressApplication, config: AppConfig): void {
  const limit = config.http.bodyLimitBytes;
  app.useBodyParser('json', {
    limit,
    type: (request: IncomingMessage) => isJsonMediaType(mediaTypeOf(request)),
  });
  app.useBodyParser('text', { limit, type: [...XML_MEDIA_TYPES], defaultCharset: 'utf-8' });
  app.use(mapBodyParserErrors);
}

/** An Express error middleware (four parameters): hands the next error handler a ProblemException. */
function mapBodyParserErrors(
  error: unknown,
  _request: IncomingMessage,
  _response: ServerResponse,
  next: (error?: unknown) => void,
): void {
  next(bodyParserProblem(error) ?? error);
}
