import type { WorkingCalendar } from '@lienthong/calendar';
import { unprocessable } from '../common/problem';

/**
 * The last instant an agency may ask the applicant to supplement a dossier received at `receivedAt`:
 * `days` working days of the calendar (Decree 61/2018 art. 19.4: "within 3 working days of receipt"),
 * counted as the dossier's own time limit is, from the first working instant after receipt (after
 * the cut-off: from the next working day's opening).
 */
export function supplementRequestDeadline(calendar: WorkingCalendar, receivedAt: Date, days: number): Date {
  return calendar.deadline(receivedAt, `${days}d`);
}

/**
 * Where the window counts from: the dossier's receipt, or the arrival of the last supplement asked
 * (the time limit restarted from zero then, as for a dossier received anew).
 */
export function supplementCountedFrom(
  receivedAt: Date | string,
  lastArrival: string | null | undefined,
): Date {
  return new Date(lastArrival ?? receivedAt);
}

/**
 * @throws 422 `supplement-too-late` (slug too) when `now` is past the last instant a supplement may be
 * asked (supplementRequestDeadline): the agency must then decide on the dossier as received.
 */
export function assertSupplementInTime(
  calendar: WorkingCalendar,
  dossier: { code: string; receivedAt: Date },
  now: Date,
  days: number,
): void {
  const until = supplementRequestDeadline(calendar, dossier.receivedAt, days);
  if (now.getTime() <= until.getTime()) return;
  throw unprocessable(
    `Dossier ${dossier.code} was received on ${dossier.receivedAt.toISOString()}: a supplement may be asked within ` +
      `${days} working days of receipt (until ${until.toISOString()}), not after.`,
    undefined,
    {
      slug: 'supplement-too-late',
      code: 'supplement-too-late',
      extra: { receivedAt: dossier.receivedAt.toISOString(), until: until.toISOString(), workingDays: days },
    },
  );
}
