import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * Documents a `Page<Item>` response: `@ApiPageResponse(DossierSummaryDto)`; `extra`, required
 * properties the page carries besides its items.
 */
export function ApiPageResponse(
  item: Type<unknown>,
  description = 'A page of the list',
  extra: Record<string, SchemaObject> = {},
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor', ...Object.keys(extra)],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          nextCursor: {
            type: 'string',
            nullable: true,
            description: 'Cursor of the next page; null on the last page',
          },
          ...extra,
        },
      },
    }),
  );
}
