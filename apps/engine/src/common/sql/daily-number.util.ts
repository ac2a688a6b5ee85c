/**
 * The number part of a code from a unit's daily counter (dossiers, refused dossiers, reception
 * guidances): at least four digits, zero-padded as codes have always been (`0042`), and every digit
 * past 9,999 (`10000`): `lpad` alone would cut the 10,000th number of a day to `1000`, a code already
 * given (409).
 */
export const DAILY_NUMBER_MIN_DIGITS = 4;

/** The SQL expression of `number` (an integer expression) as the number part of a code. */
export function dailyNumberSql(number: string): string {
  return `lpad((${number})::text, greatest(${DAILY_NUMBER_MIN_DIGITS}, length((${number})::text)), '0')`;
}

/** Whether `code` looks like an official dossier code: `<unit e-identifier>-<yymmdd>-<number>`. */
export const DOSSIER_CODE = new RegExp(`^[0-9A-Za-z.]{1,40}-\\d{6}-\\d{${DAILY_NUMBER_MIN_DIGITS},9}$`);
