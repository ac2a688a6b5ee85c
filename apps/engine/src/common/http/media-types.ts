import { type IncomingHttpHeaders } from 'node:http';

/** A request (Fastify's or Node's) as far as its media type goes. */
interface WithHeaders {
  readonly headers: IncomingHttpHeaders;
}

export const JSON_MEDIA_TYPE = 'application/json';
/** Media types whose body arrives as a string (the BPMN XML of process definitions). */
export const XML_MEDIA_TYPES: readonly string[] = ['application/xml', 'text/xml', 'application/bpmn+xml'];

/** `application/json; charset=utf-8` -> `application/json`; undefined when absent or empty. */
export function mediaTypeOf(request: WithHeaders): string | undefined {
  const header = request.headers['content-type'];
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type === undefined || type === '' ? undefined : type;
}

/** `application/json` and the `+json` structured suffix (RFC 6839), e.g. `application/merge-patch+json`. */
export function isJsonMediaType(type: string | undefined): boolean {
  return type === JSON_MEDIA_TYPE || (type?.startsWith('application/') === true && type.endsWith('+json'));
}

export function isXmlMediaType(type: string | undefined): boolean {
  return type !== undefined && XML_MEDIA_TYPES.includes(type);
}

/** Whether the request carries a body (RFC 9112: a Content-Length above 0 or a Transfer-Encoding). */
export function hasBody(request: WithHeaders): boolean {
  if (request.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(request.headers['content-length'] ?? '0');
  return Number.isFinite(length) && length > 0;
}
