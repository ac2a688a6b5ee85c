import { VIETNAM_OFFSET_MS } from '@lienthong/calendar';

/** The calendar date in Vietnam (UTC+7, no daylight saving) of an instant, as YYYY-MM-DD. */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
