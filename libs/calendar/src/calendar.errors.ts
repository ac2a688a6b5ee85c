/** A working-duration string that is not of our syntax (`3d`, `4h`, `1d4h`, `0.5d`, `30m`). */
export class InvalidDurationError extends Error {
  override readonly name = 'InvalidDurationError';

  constructor(
    readonly input: unknown,
    reason: string,
  ) {
    super(`Invalid working duration ${JSON.stringify(input)}: ${reason}`);
  }
}

/** A date or year outside the range the calendar supports (years 2000-2100 for working time). */
export class CalendarRangeError extends RangeError {
  override readonly name = 'CalendarRangeError';
}

/** Office hours, weekly pattern, cut-off or official-decisions data that cannot be used. */
export class InvalidCalendarConfigError extends Error {
  override readonly name = 'InvalidCalendarConfigError';
}
