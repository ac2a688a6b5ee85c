import { type ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation.pipe';

describe('flattenValidationErrors', () => {
  it('gives one dotted path per failed constraint, with array indexes in brackets', () => {
    // given
    const errors: ValidationError[] = [
      {
        property: 'name',
        constraints: { isString: 'name must be a string', isNotEmpty: 'name should not be empty' },
      },
      {
        property: 'applicant',
        children: [
          {
            property: 'documents',
            children: [
              {
                property: '1',
                children: [{ property: 'code', constraints: { isIn: 'code must be one of A, B' } }],
              },
            ],
          },
        ],
      },
      { property: 'extra', constraints: { whitelistValidation: 'property extra should not exist' } },
    ];

    // when
    const flat = flattenValidationErrors(errors);

    // then
    expect(flat).toEqual([
      { path: 'name', message: 'name must be a string' },
      { path: 'name', message: 'name should not be empty' },
      { path: 'applicant.documents[1].code', message: 'code must be one of A, B' },
      { path: 'extra', message: 'property extra should not exist' },
    ]);
  });
});
