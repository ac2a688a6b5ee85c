import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type AppConfig } from '../../config/app-config';
import { ProblemDetails, ProblemFieldError } from '../problem/problem-details.dto';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem.exception';

export const DOCS_PATH = 'api/docs';
export const DOCS_JSON_PATH = 'api/docs-json';

const PUBLIC_PATHS = [
  '/api/v1/health',
  '/api/v1/auth/login',
  '/api/v1/auth/refresh',
  '/api/v1/auth/session',
  '/api/v1/public/',
];

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
        'POST requests honour Idempotency-Key; lists are cursor-paginated. Sign in with POST /api/v1/auth/login and ' +
        'send `Authorization: Bearer <accessToken>`; agency systems send their API key (`X-API-Key`, or as a Bearer token).',
    )
    .setVersion(config.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Access token (JWT) or API key' }, 'bearer')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: "An agency system's API key" },
      'api-key',
    )
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('api-key')
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
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const) {
      const operation = pathItem[method];
      // The routes open without sign-in (see @Public()).
      if (operation && PUBLIC_PATHS.some((p) => path.startsWith(p))) operation.security = [];
      if (operation && !('default' in operation.responses)) {
        operation.responses.default = { $ref: '#/components/responses/Problem' };
      }
    }
  }
  // The same document whatever the order modules and decorators were registered in (diffs stay readable).
  document.paths = sortedByKey(document.paths);
  document.components.schemas = sortedByKey(document.components.schemas ?? {});
  return document;
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The document as committed in `libs/contracts/openapi.json`: pretty-printed, with a trailing newline. */
export function serializeOpenApiDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function setupOpenApi(app: INestApplication, config: AppConfig): void {
  SwaggerModule.setup(DOCS_PATH, app, buildOpenApiDocument(app, config), {
    jsonDocumentUrl: DOCS_JSON_PATH,
    customSiteTitle: 'Liên thông API',
    yamlDocumentUrl: 'api/docs-yaml',
  });
}
