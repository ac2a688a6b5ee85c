import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetails } from './problem-details.dto';
import { PROBLEM_CONTENT_TYPE } from './problem.exception';
import { statusProblem } from './to-problem.util';

/**
 * Documents error responses of an endpoint as `application/problem+json`, e.g.
 * `@ApiProblemResponses(404, 409)`. (Every operation already gets a `default` problem response.)
 */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: statusProblem(status)[1],
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
      }),
    ),
  );
}
