import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldError, ProblemException } from '../problem/problem.exception';

/**
 * The global ValidationPipe: DTOs are class-validator classes; unknown properties are refused,
 * payloads are transformed to DTO instances, and failures become a 400 problem
 * `validation-failed` with `errors: [{ path, message }]`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      ProblemException.of(
        400,
        'validation-failed',
        'Invalid request',
        'Some fields of the request are invalid.',
        {
          extra: { errors: flattenValidationErrors(errors) },
        },
      ),
  });
}

/** `[{ property: 'items', children: [{ property: '0', constraints }] }]` -> `[{ path: 'items[0].name', ... }]` */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent === ''
        ? error.property
        : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
