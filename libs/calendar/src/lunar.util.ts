/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically for a given time zone
 * (Vietnam: UTC+7 since 1968; China uses UTC+8, which is why the two calendars differ in some
 * years, e.g. Tết 1985 and 2007).
 *
 * Rules (the same as the Chinese calendar since 1645, evaluated at the local time zone):
 * 1. A month begins on the local civil day that contains the true new moon.
 * 2. Month 11 is the month that contains the winter solstice (Sun's apparent longitude 270°).
 * 3. When 13 new moons start between two consecutive months 11 (a leap year), the first month
 *    after month 11 that contains no principal solar term (a multiple of 30° of solar longitude)
 *    is the leap month; it bears the number of the month before it.
 *
 * Days are handled as Julian Day Numbers (JDN, an integer per civil day; 2451545 = 2000-01-01).
 */
import { CalendarRangeError } from './calendar.errors';
import {
  ASTRONOMY_MAX_YEAR,
  ASTRONOMY_MIN_YEAR,
  lunationNear,
  newMoonJd,
  sunApparentLongitude,
  sunLongitudeCrossing,
} from './astronomy.util';

/** Vietnam's civil time zone, hours east of UTC. */
export const VIETNAM_TIME_ZONE = 7;

export interface LunarDate {
  /** The lunar year, named after the solar year in which its month 1 begins. */
  year: number;
  /** 1..12 */
  month: number;
  /** 1..30 */
  day: number;
  /** True for the leap month (tháng nhuận) that repeats `month`. */
  leap: boolean;
}

export interface SolarDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

/** Julian Day Number of a proleptic Gregorian date. */
export function jdnFromDate(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** Proleptic Gregorian date of a Julian Day Number. */
export function dateFromJdn(jdn: number): SolarDate {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** JDN of the local civil day containing the instant `jdUt` (Julian Day, UT) in zone `timeZone`. */
export function localJdn(jdUt: number, timeZone: number): number {
  return Math.floor(jdUt + 0.5 + timeZone / 24);
}

/** Julian Day (UT) of the local midnight that begins civil day `jdn` in zone `timeZone`. */
export function localMidnightJd(jdn: number, timeZone: number): number {
  return jdn - 0.5 - timeZone / 24;
}

/**
 * Memoises the astronomical results per time zone: lunar conversions of nearby dates share most
 * of their new moons and solstices.
 */
class LunarEngine {
  private readonly newMoonDays = new Map<number, number>();
  private readonly months11 = new Map<number, number>();
  private readonly leapOffsets = new Map<number, number>();

  constructor(readonly timeZone: number) {}

  /** JDN of the local day on which the new moon with lunation number `k` falls. */
  newMoonDay(k: number): number {
    let day = this.newMoonDays.get(k);
    if (day === undefined) {
      day = localJdn(newMoonJd(k), this.timeZone);
      this.newMoonDays.set(k, day);
    }
    return day;
  }

  /** Lunation number of the lunar month containing civil day `jdn`. */
  monthContaining(jdn: number): number {
    let k = lunationNear(jdn);
    while (this.newMoonDay(k) > jdn) k--;
    while (this.newMoonDay(k + 1) <= jdn) k++;
    return k;
  }

  /** Lunation number of month 11, the month containing the winter solstice of solar `year`. */
  month11(year: number): number {
    let k = this.months11.get(year);
    if (k === undefined) {
      const solstice = sunLongitudeCrossing(270, jdnFromDate(year, 12, 21));
      k = this.monthContaining(localJdn(solstice, this.timeZone));
      this.months11.set(year, k);
    }
    return k;
  }

  /** Index (0..11) of the 30° solar-longitude sector at the local midnight beginning day `jdn`. */
  private sectorAtDayStart(jdn: number): number {
    return Math.floor(sunApparentLongitude(localMidnightJd(jdn, this.timeZone)) / 30);
  }

  /** True when the lunar month with lunation number `k` contains no principal solar term. */
  lacksPrincipalTerm(k: number): boolean {
    return this.sectorAtDayStart(this.newMoonDay(k)) === this.sectorAtDayStart(this.newMoonDay(k + 1));
  }

  /**
   * For the lunar "suì" from month 11 of solar year `year - 1` to month 11 of `year`: the offset
   * (1..12, counted in lunations from that month 11) of the leap month, or 0 when that period has
   * only 12 months.
   */
  leapOffset(year: number): number {
    let offset = this.leapOffsets.get(year);
    if (offset === undefined) {
      offset = this.findLeapOffset(year);
      this.leapOffsets.set(year, offset);
    }
    return offset;
  }

  private findLeapOffset(year: number): number {
    const k11 = this.month11(year - 1);
    const next11 = this.month11(year);
    if (next11 - k11 === 12) return 0;
    for (let i = 1; i < 13; i++) {
      if (this.lacksPrincipalTerm(k11 + i)) return i;
    }
    // Unreachable: with 13 lunations and 12 principal terms one month has none.
    throw new Error(`No month without a principal term between the months 11 of ${year - 1} and ${year}`);
  }
}

const engines = new Map<number, LunarEngine>();

function engineFor(timeZone: number): LunarEngine {
  let engine = engines.get(timeZone);
  if (engine === undefined) {
    engine = new LunarEngine(timeZone);
    engines.set(timeZone, engine);
  }
  return engine;
}

function assertLunarRange(year: number): void {
  if (!Number.isInteger(year) || year < ASTRONOMY_MIN_YEAR + 1 || year > ASTRONOMY_MAX_YEAR - 1) {
    throw new CalendarRangeError(
      `The lunar calendar is computed for years ${ASTRONOMY_MIN_YEAR + 1}-${ASTRONOMY_MAX_YEAR - 1}, not ${year}`,
    );
  }
}

/** Month number (1..12) of the month `offset` lunations after month 11 in a year without leap month. */
function monthNumberAt(offset: number): number {
  return ((10 + offset) % 12) + 1;
}

/**
 * Converts a solar (Gregorian) date to the lunar date, for the given time zone (default UTC+7).
 */
export function solarToLunar(date: SolarDate, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  assertLunarRange(date.year);
  const engine = engineFor(timeZone);
  const jdn = jdnFromDate(date.year, date.month, date.day);
  const k = engine.monthContaining(jdn);
  const day = jdn - engine.newMoonDay(k) + 1;

  // The "suì" (month 11 to month 11) containing this month, named by the solar year it ends in.
  let suiYear = date.year;
  if (k >= engine.month11(date.year)) suiYear = date.year + 1;
  const k11 = engine.month11(suiYear - 1);
  let offset = k - k11;
  const leapAt = engine.leapOffset(suiYear);
  let leap = false;
  if (leapAt > 0 && offset >= leapAt) {
    leap = offset === leapAt;
    offset -= 1;
  }
  const month = monthNumberAt(offset);
  // Months 11 and 12 belong to the lunar year that began in the previous solar year.
  const year = offset < 2 ? suiYear - 1 : suiYear;
  return { year, month, day, leap };
}

/**
 * Converts a lunar date to the solar (Gregorian) date, for the given time zone (default UTC+7).
 * Throws a RangeError for a leap month that does not exist that year or a day beyond the month.
 */
export function lunarToSolar(lunar: LunarDate, timeZone: number = VIETNAM_TIME_ZONE): SolarDate {
  const { year, month, day, leap } = lunar;
  assertLunarRange(year);
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new RangeError(`Invalid lunar month ${month}`);
  const engine = engineFor(timeZone);
  // Months 11 and 12 of lunar year Y lie in the suì ending at month 11 of solar year Y + 1.
  const suiYear = month >= 11 ? year + 1 : year;
  const k11 = engine.month11(suiYear - 1);
  let offset = (month + 1) % 12; // 11 -> 0, 12 -> 1, 1 -> 2, ..., 10 -> 11
  const leapAt = engine.leapOffset(suiYear);
  if (leap) {
    if (leapAt === 0 || monthNumberAt(leapAt - 1) !== month) {
      throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
    }
    offset = leapAt;
  } else if (leapAt > 0 && offset >= leapAt) {
    offset += 1;
  }
  const start = engine.newMoonDay(k11 + offset);
  const length = engine.newMoonDay(k11 + offset + 1) - start;
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new RangeError(
      `Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has ${length} days, not day ${day}`,
    );
  }
  return dateFromJdn(start + day - 1);
}

/**
 * The leap month (1..12) of lunar year `year`, or 0 when it has none. A leap month 11 or 12
 * belongs to the lunar year that ends after it (it lies in the suì ending in the next solar year).
 */
export function leapMonthOf(year: number, timeZone: number = VIETNAM_TIME_ZONE): number {
  assertLunarRange(year);
  const engine = engineFor(timeZone);
  // Leap months 1..10 of lunar year Y are in the suì ending in solar year Y (offsets 3..12);
  // leap months 11, 12 of lunar year Y are in the suì ending in Y + 1 (offsets 1..2).
  const here = engine.leapOffset(year);
  if (here >= 3) return monthNumberAt(here - 1);
  const next = engine.leapOffset(year + 1);
  if (next >= 1 && next <= 2) return monthNumberAt(next - 1);
  return 0;
}

/** Solar date of the lunar new year (Tết Nguyên đán, 1/1 lunar) of solar year `year`. */
export function lunarNewYear(year: number, timeZone: number = VIETNAM_TIME_ZONE): SolarDate {
  return lunarToSolar({ year, month: 1, day: 1, leap: false }, timeZone);
}
