/**
 * Working durations: how procedures and internal processes state time limits ("3 ngày làm việc",
 * "4 giờ"). Our syntax, and only ours: components `<number>d`, `<number>h`, `<number>m` in that
 * order, each at most once, optionally separated by spaces: `3d`, `4h`, `1d4h`, `1d 4h`,
 * `0.5d`, `30m`, `2h30m`. A working day is 8 working hours (480 working minutes) whatever the
 * office hours. The value is a whole number of working minutes, never negative.
 */
import { InvalidDurationError } from './calendar.errors';

export const MINUTES_PER_WORKING_HOUR = 60;
/** One working day = 8 working hours. */
export const MINUTES_PER_WORKING_DAY = 8 * MINUTES_PER_WORKING_HOUR;

const NUMBER = String.raw`(\d+)(?:\.(\d+))?`;
const DURATION = new RegExp(`^(?:${NUMBER}d)?\\s*(?:${NUMBER}h)?\\s*(?:${NUMBER}m)?$`);

/** Exact value of `<int>.<fraction>` times `unit` minutes, or undefined when not a whole number. */
function componentMinutes(integer: string, fraction: string | undefined, unit: number): number | undefined {
  const digits = fraction ?? '';
  const scale = 10 ** digits.length;
  const scaled = (Number(integer) * scale + Number(digits || '0')) * unit;
  if (!Number.isSafeInteger(scaled) || scaled % scale !== 0) return undefined;
  return scaled / scale;
}

/**
 * Parses a working duration into working minutes. Throws InvalidDurationError for anything else,
 * including an empty string, a missing unit (`3`), a wrong order (`4h1d`), a negative value,
 * ISO 8601 (`P3D`), or a value that is not a whole number of minutes (`0.01h`).
 */
export function parseWorkingDuration(input: string): number {
  if (typeof input !== 'string') throw new InvalidDurationError(input, 'not a string');
  const text = input.trim();
  if (text === '') throw new InvalidDurationError(input, 'empty');
  const match = DURATION.exec(text);
  if (match === null) {
    throw new InvalidDurationError(
      input,
      'expected components like 3d, 4h, 30m in the order d, h, m (e.g. 1d4h)',
    );
  }
  const units: Array<[string | undefined, string | undefined, number]> = [
    [match[1], match[2], MINUTES_PER_WORKING_DAY],
    [match[3], match[4], MINUTES_PER_WORKING_HOUR],
    [match[5], match[6], 1],
  ];
  let total = 0;
  for (const [integer, fraction, unit] of units) {
    if (integer === undefined) continue;
    const minutes = componentMinutes(integer, fraction, unit);
    if (minutes === undefined) throw new InvalidDurationError(input, 'not a whole number of working minutes');
    total += minutes;
  }
  if (!Number.isSafeInteger(total)) throw new InvalidDurationError(input, 'too large');
  return total;
}

/**
 * Formats working minutes in our syntax, largest units first: 720 → `1d4h`, 30 → `30m`,
 * 0 → `0m`. Negative values (an overdue amount) get a leading `-`, which parseWorkingDuration
 * does not accept. Fractions of a minute are rounded to the nearest minute.
 */
export function formatWorkingDuration(minutes: number): string {
  if (!Number.isFinite(minutes)) throw new InvalidDurationError(minutes, 'not a finite number');
  const rounded = Math.round(Math.abs(minutes));
  if (rounded === 0) return '0m';
  const days = Math.floor(rounded / MINUTES_PER_WORKING_DAY);
  const hours = Math.floor((rounded % MINUTES_PER_WORKING_DAY) / MINUTES_PER_WORKING_HOUR);
  const rest = rounded % MINUTES_PER_WORKING_HOUR;
  const text = `${days > 0 ? `${days}d` : ''}${hours > 0 ? `${hours}h` : ''}${rest > 0 ? `${rest}m` : ''}`;
  return minutes < 0 ? `-${text}` : text;
}
