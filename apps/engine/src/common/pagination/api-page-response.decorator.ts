import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents a `Page<Item>` response: `@ApiPageResponse(DossierSummaryDto)`. */
export function ApiPageResponse(
  item: Type<unknown>,
  description = 'A page of the list',
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          nextCursor: {
            type: 'string',
            nullable: true,
            description: 'Cursor of the next page; null on the last page',
          },
        },
      },
    }),
  );
}
