/**
 * The public holidays of the Labour Code 2019 (Bộ luật Lao động 2019), art. 112.1:
 *   a) Tết Dương lịch: 1 day (1 January);
 *   b) Tết Âm lịch: 5 days (the Prime Minister fixes them; by default the last day of the lunar
 *      year and the first four days of lunar month 1);
 *   c) Ngày Chiến thắng: 1 day (30 April);
 *   d) Ngày Quốc tế lao động: 1 day (1 May);
 *   đ) Quốc khánh: 2 days (2 September and one adjacent day before or after, fixed yearly);
 *   e) Giỗ Tổ Hùng Vương: 1 day (10th day of lunar month 3).
 * and the compensatory rest of art. 111.3: a holiday falling on a weekly rest day gives a day off
 * on the next working day.
 */
import {
  dayNumberFromParts,
  dayNumberOfJdn,
  isoFromDayNumber,
  weekdayOfDayNumber,
  type IsoDate,
} from './date.util';
import { jdnFromDate, lunarNewYear, lunarToSolar } from './lunar.util';
import type { StatutoryHolidayKey } from './official-decisions';

/** Vietnamese names, as in art. 112 and in the government's notices. */
export const HOLIDAY_NAMES: Readonly<Record<StatutoryHolidayKey, string>> = {
  'new-year': 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  'hung-kings': 'Giỗ Tổ Hùng Vương',
  'victory-day': 'Ngày Chiến thắng',
  'labour-day': 'Ngày Quốc tế Lao động',
  'national-day': 'Quốc khánh',
};

/** Name of a compensatory day off: "Nghỉ bù <holiday>". */
export function compensatoryName(key: StatutoryHolidayKey): string {
  return `Nghỉ bù ${HOLIDAY_NAMES[key]}`;
}

export interface StatutoryHoliday {
  dayNumber: number;
  date: IsoDate;
  key: StatutoryHolidayKey;
  name: string;
}

/**
 * The day adjacent to 2 September when no decision fixes it: the one that joins the break to a
 * weekend or avoids a lone working day, as the government chose in 2021-2026 (Thu → 3/9 Fri,
 * Fri → 1/9 Thu, Sat → 1/9 Fri, Mon → 3/9 Tue, Tue → 1/9 Mon, Wed → 1/9 Tue); for a Sunday 2/9,
 * Monday 3/9 (the compensatory day then falls on Tuesday 4/9).
 */
export function defaultNationalDayAdjacent(year: number): number {
  const national = dayNumberFromParts(year, 9, 2);
  switch (weekdayOfDayNumber(national)) {
    case 0: // Sunday
    case 1: // Monday
    case 4: // Thursday
      return national + 1;
    default:
      return national - 1;
  }
}

/**
 * The statutory holidays of a solar year in date order, Tết and Giỗ Tổ from the Vietnamese lunar
 * calendar (UTC+7). `nationalDayAdjacent` (a day number, 1/9 or 3/9) defaults to
 * defaultNationalDayAdjacent.
 */
export function statutoryHolidays(year: number, nationalDayAdjacent?: number): StatutoryHoliday[] {
  const list: Array<{ dayNumber: number; key: StatutoryHolidayKey }> = [];
  list.push({ dayNumber: dayNumberFromParts(year, 1, 1), key: 'new-year' });

  const tet = lunarNewYear(year);
  const tetDay = dayNumberOfJdn(jdnFromDate(tet.year, tet.month, tet.day));
  for (let offset = -1; offset <= 3; offset++) list.push({ dayNumber: tetDay + offset, key: 'tet' });

  // 10/3 lunar, in the regular month 3 (a leap month 3 follows it and is not the anniversary).
  const hung = lunarToSolar({ year, month: 3, day: 10, leap: false });
  list.push({ dayNumber: dayNumberOfJdn(jdnFromDate(hung.year, hung.month, hung.day)), key: 'hung-kings' });

  list.push({ dayNumber: dayNumberFromParts(year, 4, 30), key: 'victory-day' });
  list.push({ dayNumber: dayNumberFromParts(year, 5, 1), key: 'labour-day' });
  const national = dayNumberFromParts(year, 9, 2);
  const adjacent = nationalDayAdjacent ?? defaultNationalDayAdjacent(year);
  list.push({ dayNumber: Math.min(national, adjacent), key: 'national-day' });
  list.push({ dayNumber: Math.max(national, adjacent), key: 'national-day' });

  list.sort((a, b) => a.dayNumber - b.dayNumber);
  return list.map(({ dayNumber, key }) => ({
    dayNumber,
    date: isoFromDayNumber(dayNumber),
    key,
    name: HOLIDAY_NAMES[key],
  }));
}
