/** The calendar date in Vietnam (UTC+7, no daylight saving) of an instant, as YYYY-MM-DD. */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
