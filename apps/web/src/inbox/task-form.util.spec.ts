import dayjs from 'dayjs';
import { fieldErrorsOf, formVariables, optionLabel, type FormField } from './task-form.util';

const form: FormField[] = [
  {
    id: 'result',
    label: 'Kết quả kiểm tra',
    type: 'enum',
    required: true,
    options: ['eligible', 'not_eligible'],
  },
  { id: 'reason', label: 'Lý do', type: 'text', required: false },
  { id: 'newParcelCount', label: 'Số thửa đất mới', type: 'number', required: false },
  { id: 'hasFinancialObligation', label: 'Phát sinh nghĩa vụ tài chính', type: 'boolean', required: true },
  { id: 'surveyedOn', label: 'Ngày đo đạc', type: 'date', required: false },
];

describe('a step’s form', () => {
  it('sends the values as the engine checks them: trimmed text, numbers, booleans, dates as YYYY-MM-DD', () => {
    expect(
      formVariables(form, {
        result: 'eligible',
        reason: '  Đủ giấy tờ  ',
        newParcelCount: 2,
        hasFinancialObligation: false,
        surveyedOn: dayjs('2026-12-03T10:00:00'),
      }),
    ).toEqual({
      result: 'eligible',
      reason: 'Đủ giấy tờ',
      newParcelCount: 2,
      hasFinancialObligation: false,
      surveyedOn: '2026-12-03',
    });
  });

  it('leaves out empty fields and values of no field of the form', () => {
    expect(formVariables(form, { reason: '   ', newParcelCount: null, other: 'x' })).toEqual({});
  });

  it('puts the engine’s field errors on their fields, in Vietnamese when it gave them', () => {
    const problem = {
      status: 422,
      code: 'form-invalid',
      errors: [
        {
          path: 'variables.result',
          message: 'Kết quả kiểm tra is required.',
          messageVi: 'Chưa nhập Kết quả kiểm tra.',
        },
        { path: 'variables.newParcelCount', message: 'Số thửa đất mới must be a number.' },
        { path: 'variables.unknown', message: 'not on this form' },
        { message: 'no path' },
      ],
    };
    expect(fieldErrorsOf(problem, form)).toEqual([
      { name: 'result', errors: ['Chưa nhập Kết quả kiểm tra.'] },
      { name: 'newParcelCount', errors: ['Số thửa đất mới must be a number.'] },
    ]);
    expect(fieldErrorsOf(null, form)).toEqual([]);
  });

  it('words the known options in Vietnamese and shows the others as they are', () => {
    expect(optionLabel('eligible')).toBe('Đủ điều kiện');
    expect(optionLabel('missing_papers')).toBe('Thiếu giấy tờ, yêu cầu bổ sung');
    expect(optionLabel('loai-khac')).toBe('loai-khac');
  });
});
