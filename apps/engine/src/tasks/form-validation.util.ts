import type { FormFieldDto } from '@lienthong/contracts';
import type { Variables } from '@lienthong/engine-core';

export interface FieldError {
  path: string;
  message: string;
  messageVi: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks task completion variables against the step's form: required fields present, values of the right type. */
export function validateFormVariables(form: FormFieldDto[], variables: Variables): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of form) {
    const value = variables[field.id];
    const path = `variables.${field.id}`;
    if (value === undefined || value === null || value === '') {
      if (field.required)
        errors.push({ path, message: `${field.label} is required.`, messageVi: `Chưa nhập ${field.label}.` });
      continue;
    }
    const wrong = (expected: string, expectedVi: string) =>
      errors.push({
        path,
        message: `${field.label} must be ${expected}.`,
        messageVi: `${field.label} phải là ${expectedVi}.`,
      });
    switch (field.type) {
      case 'string':
      case 'text':
        if (typeof value !== 'string') wrong('text', 'văn bản');
        break;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) wrong('a number', 'số');
        break;
      case 'boolean':
        if (typeof value !== 'boolean') wrong('true or false', 'đúng hoặc sai');
        break;
      case 'date':
        if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value)))
          wrong('a date (YYYY-MM-DD)', 'ngày (YYYY-MM-DD)');
        break;
      case 'enum':
        if (typeof value !== 'string' || !(field.options ?? []).includes(value)) {
          wrong(
            `one of ${(field.options ?? []).join(', ')}`,
            `một trong các giá trị ${(field.options ?? []).join(', ')}`,
          );
        }
        break;
    }
  }
  return errors;
}
