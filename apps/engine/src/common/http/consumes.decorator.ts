import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';

export const CONSUMES_METADATA = 'lienthong:consumes';

/**
 * The media types a handler (or controller) accepts as request body; without it, JSON only.
 * E.g. `@Consumes('application/bpmn+xml', 'application/xml', 'text/xml')` on the deploy endpoint,
 * with `@Body() xml: string`. Enforced by the global MediaTypeGuard (415 otherwise); also documented
 * in OpenAPI.
 */
export function Consumes(...mediaTypes: string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(CONSUMES_METADATA, mediaTypes), ApiConsumes(...mediaTypes));
}
