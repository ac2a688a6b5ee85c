import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type AppConfig } from '../../config/app-config';
import { ProblemDetails, ProblemFieldError } from '../problem/problem-details.dto';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem.exception';

export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

/**
 * The OpenAPI document, generated from the controllers and DTOs, served as UI at /api/docs and as JSON
 * at /api/docs-json. `ProblemDetails` is a shared schema, and `#/components/responses/Problem` the
 * `default` response of every operation.
 */
export function buildOpenApiDocument(app: INestApplication, config: AppConfig): OpenAPIObject {
  const info = new DocumentBuilder()
    .setTitle('Liên thông API')
    .setDescription(
      'BPMN workflow engine for inter-agency one-stop procedures. Errors are RFC 7807 application/problem+json; ' +
        'POST requests honour Idempotency-Key; lists are cursor-paginated.',
    )
    .setVersion(config.version)
    .build();
  const document = SwaggerModule.createDocument(app, info, {
    extraModels: [ProblemDetails, ProblemFieldError],
  });
  document.components = {
    ...document.components,
    responses: {
      ...document.components?.responses,
      Problem: {
        description: 'Error (RFC 7807 problem details)',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      },
    },
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const) {
      const operation = pathItem[method];
      if (operation && !('default' in operation.responses)) {
        operation.responses.default = { $ref: '#/components/responses/Problem' };
      }
    }
  }
  return document;
}

export function setupOpenApi(app: INestApplication, config: AppConfig): void {
  SwaggerModule.setup(DOCS_PATH, app, buildOpenApiDocument(app, config), {
    jsonDocumentUrl: DOCS_JSON_PATH,
    customSiteTitle: 'Liên thông API',
    yamlDocumentUrl: 'api/docs-yaml',
  });
}
