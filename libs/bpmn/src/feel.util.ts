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
