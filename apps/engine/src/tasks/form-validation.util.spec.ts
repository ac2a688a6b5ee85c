import type { FormFieldDto } from '@lienthong/contracts';
import { validateFormVariables } from './form-validation.util';

const form: FormFieldDto[] = [
  { id: 'result', label: 'Kết quả', type: 'enum', required: true, options: ['eligible', 'not_eligible'] },
  { id: 'area', label: 'Diện tích', type: 'number', required: false },
  { id: 'surveyedOn', label: 'Ngày đo', type: 'date', required: false },
  { id: 'ok', label: 'Đạt', type: 'boolean', required: false },
  { id: 'note', label: 'Ghi chú', type: 'text', required: false },
];

describe('validateFormVariables', () => {
  it('accepts complete, well-typed values', () => {
    expect(
      validateFormVariables(form, {
        result: 'eligible',
        area: 60.5,
        surveyedOn: '2026-03-02',
        ok: true,
        note: 'x',
      }),
    ).toEqual([]);
  });

  it('names every missing required field and wrong type, in Vietnamese too', () => {
    const errors = validateFormVariables(form, { area: '60', surveyedOn: '02/03/2026', ok: 'yes', note: 5 });
    expect(errors.map((e) => e.path)).toEqual([
      'variables.result',
      'variables.area',
      'variables.surveyedOn',
      'variables.ok',
      'variables.note',
    ]);
    expect(errors[0]?.messageVi).toBe('Chưa nhập Kết quả.');
  });

  it('refuses a value outside the enum options', () => {
    expect(validateFormVariables(form, { result: 'maybe' })).toEqual([
      expect.objectContaining({
        path: 'variables.result',
        message: 'Kết quả must be one of eligible, not_eligible.',
      }),
    ]);
  });
});
