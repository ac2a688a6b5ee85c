import { evaluate } from 'feelin';

/** FEEL expressions may be written with Camunda's leading `=`; we store them without it. */
export function stripFeelPrefix(expression: string): string {
  const trimmed = expression.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
}

/** Returns the syntax error message of a FEEL expression, or null when it parses. */
export function feelSyntaxError(expression: string): string | null {
  if (expression.trim() === '') return 'empty expression';
  try {
    evaluate(expression, {});
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The FEEL grammar's node names in the parser's messages, in words. */
const FEEL_NODES_VI: Readonly<Record<string, string>> = {
  ArithmeticExpression: 'phép tính',
  Comparison: 'phép so sánh',
  PathExpression: 'truy cập thuộc tính',
  FilterExpression: 'bộ lọc danh sách',
  FunctionInvocation: 'lời gọi hàm',
  DateTimeLiteral: 'hàm ngày giờ',
  IfExpression: 'biểu thức if … then … else',
  ForExpression: 'biểu thức for',
  QuantifiedExpression: 'biểu thức some/every',
  Disjunction: 'phép hoặc (or)',
  Conjunction: 'phép và (and)',
  Interval: 'khoảng giá trị',
  List: 'danh sách',
  Context: 'ngữ cảnh { … }',
  StringLiteral: 'chuỗi ký tự',
  VariableName: 'tên biến',
  Expression: 'biểu thức',
};

/**
 * A syntax error of `feelSyntaxError` in Vietnamese ("phép so sánh chưa viết xong"), for the messages
 * the designer shows; the parser's English is kept only in the English messages.
 */
export function feelProblemVi(problem: string): string {
  const node = (name: string) => FEEL_NODES_VI[name] ?? 'biểu thức';
  if (problem === 'empty expression') return 'biểu thức trống';
  const incomplete = /^Incomplete <(\w+)>$/.exec(problem);
  if (incomplete) return `${node(incomplete[1] as string)} chưa viết xong`;
  const token = /^Unrecognized token(?: <([^>]*)>)? in <(\w+)>$/.exec(problem);
  if (token) {
    const symbol = token[1] && !/^[A-Za-z]/.test(token[1]) ? ` "${token[1]}"` : '';
    return `ký hiệu${symbol} không hợp lệ trong ${node(token[2] as string)}`;
  }
  return 'sai cú pháp';
}
