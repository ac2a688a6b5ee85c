import type { ProblemLike } from '../errors/problem-messages.util';

/** A field of a step's form, as the engine describes it (FormFieldDto). */
export interface FormField {
  readonly id: string;
  readonly label: string;
  readonly type: 'string' | 'text' | 'number' | 'boolean' | 'date' | 'enum';
  readonly required: boolean;
  readonly options?: readonly string[];
}

/** Something with a calendar day, as antd's DatePicker gives it (a dayjs). */
interface DayLike {
  format(template: string): string;
}

/** Vietnamese words for the option values the demo procedures use; others are shown as they are. */
const OPTION_LABELS: Readonly<Record<string, string>> = {
  eligible: 'Đủ điều kiện',
  not_eligible: 'Không đủ điều kiện',
  missing_papers: 'Thiếu giấy tờ, yêu cầu bổ sung',
  approved: 'Đồng ý',
  rejected: 'Không đồng ý',
  yes: 'Có',
  no: 'Không',
};

/** What an officer reads for an option of an enum field. */
export function optionLabel(value: string): string {
  return OPTION_LABELS[value] ?? value;
}

function isDayLike(value: unknown): value is DayLike {
  return typeof value === 'object' && value !== null && typeof (value as DayLike).format === 'function';
}

/**
 * The variables to complete a step with, from the antd form's values: text trimmed, dates as
 * `YYYY-MM-DD`, numbers as numbers; empty fields are left out (the engine then says which are required).
 */
export function formVariables(
  form: readonly FormField[],
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const field of form) {
    const value = values[field.id];
    if (value === undefined || value === null) continue;
    switch (field.type) {
      case 'string':
      case 'text':
      case 'enum': {
        const text = String(value).trim();
        if (text !== '') variables[field.id] = text;
        break;
      }
      case 'number': {
        const n = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
        if (String(value).trim() !== '') variables[field.id] = n;
        break;
      }
      case 'boolean':
        variables[field.id] = value === true || value === 'true';
        break;
      case 'date':
        if (isDayLike(value)) variables[field.id] = value.format('YYYY-MM-DD');
        else if (typeof value === 'string' && value !== '') variables[field.id] = value;
        break;
    }
  }
  return variables;
}

/** A field's errors to show on it (antd `form.setFields`). */
export interface FieldErrors {
  readonly name: string;
  readonly errors: string[];
}

/**
 * The engine's field errors of a refused completion (`form-invalid`: paths `variables.<field>`),
 * grouped by the form's fields, in Vietnamese when the engine gave it; errors on no field of the
 * form are left to the general message.
 */
export function fieldErrorsOf(problem: ProblemLike | null, form: readonly FormField[]): FieldErrors[] {
  const byField = new Map<string, string[]>();
  for (const error of problem?.errors ?? []) {
    const id = error.path?.replace(/^variables\./, '').split('.')[0];
    if (id === undefined || !form.some((f) => f.id === id)) continue;
    const list = byField.get(id) ?? [];
    list.push(error.messageVi ?? error.message);
    byField.set(id, list);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
