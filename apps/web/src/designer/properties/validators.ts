import { feelProblemVi, feelSyntaxError, stripFeelPrefix } from '@lienthong/bpmn';
import { parseWorkingDuration } from '@lienthong/calendar';

/** A check of a panel entry as the designer types: the message to show, or null. */
export type Validate = (value: string) => string | null;

export const workingTime: Validate = (value) => {
  if (value.trim() === '') return null;
  try {
    parseWorkingDuration(value);
    return null;
  } catch {
    return 'Thời gian làm việc viết như 3d, 0.5d, 4h hoặc 1d4h (d: ngày làm việc, h: giờ).';
  }
};
export const feel: Validate = (value) => {
  const error = stripFeelPrefix(value) === '' ? null : feelSyntaxError(stripFeelPrefix(value));
  return error === null ? null : `Biểu thức FEEL chưa đúng cú pháp: ${feelProblemVi(error)}`;
};
export const wholeNumber: Validate = (value) =>
  value.trim() === '' || /^\d{1,3}$/.test(value.trim()) ? null : 'Số lần thử lại là số nguyên từ 0 đến 999.';

/** An identifier (a variable name, as the engine's rules want it), optional. */
export const identifier: Validate = (value) =>
  value.trim() === '' || /^[A-Za-z_]\w*$/.test(value.trim())
    ? null
    : 'Tên biến viết liền, không dấu: chữ cái, số, dấu _ (không bắt đầu bằng số).';
