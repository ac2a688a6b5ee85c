import fc from 'fast-check';
import { CalendarRangeError } from './calendar.errors';
import { newMoonJd, sunLongitudeCrossing, sunApparentLongitude } from './astronomy.util';
import {
  dateFromJdn,
  jdnFromDate,
  leapMonthOf,
  localJdn,
  localMidnightJd,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
  type SolarDate,
} from './lunar.util';

const solar = (text: string): SolarDate => {
  const [day, month, year] = text.split('/').map(Number);
  return { year, month, day };
};

describe('lunarNewYear (Tết Nguyên đán, UTC+7)', () => {
  it.each([
    [2000, '5/2/2000'],
    [2001, '24/1/2001'],
    [2002, '12/2/2002'],
    [2003, '1/2/2003'],
    [2004, '22/1/2004'],
    [2005, '9/2/2005'],
    [2006, '29/1/2006'],
    [2007, '17/2/2007'],
    [2008, '7/2/2008'],
    [2009, '26/1/2009'],
    [2010, '14/2/2010'],
    [2011, '3/2/2011'],
    [2012, '23/1/2012'],
    [2013, '10/2/2013'],
    [2014, '31/1/2014'],
    [2015, '19/2/2015'],
    [2016, '8/2/2016'],
    [2017, '28/1/2017'],
    [2018, '16/2/2018'],
    [2019, '5/2/2019'],
    [2020, '25/1/2020'],
    [2021, '12/2/2021'],
    [2022, '1/2/2022'],
    [2023, '22/1/2023'],
    [2024, '10/2/2024'],
    [2025, '29/1/2025'],
    [2026, '17/2/2026'],
    [2027, '6/2/2027'],
    [2028, '26/1/2028'],
    [2029, '13/2/2029'],
    [2030, '2/2/2030'],
    [2031, '23/1/2031'],
    [2033, '31/1/2033'],
  ])('Tết %i is %s', (year, expected) => {
    // given / when
    const tet = lunarNewYear(year);

    // then
    expect(tet).toEqual(solar(expected));
  });

  it.each([
    // Vietnam adopted UTC+7 in 1968: Tết Mậu Thân fell a day before China's.
    [1968, '29/1/1968', '30/1/1968'],
    // 1985: the winter solstice month differs, so Tết is a whole month apart.
    [1985, '21/1/1985', '20/2/1985'],
    // New moon at 23:14 in Hà Nội, 00:14 in Beijing.
    [2007, '17/2/2007', '18/2/2007'],
    // New moon at 23:07 in Hà Nội, 00:07 in Beijing (some lists copied from China say 3/2).
    [2030, '2/2/2030', '3/2/2030'],
    [2053, '18/2/2053', '19/2/2053'],
  ])('Tết %i is %s in Vietnam (UTC+7) but %s in China (UTC+8)', (year, vietnam, china) => {
    // given / when
    const atUtc7 = lunarNewYear(year, 7);
    const atUtc8 = lunarNewYear(year, 8);

    // then
    expect(atUtc7).toEqual(solar(vietnam));
    expect(atUtc8).toEqual(solar(china));
  });

  it('finds no other Vietnam-China difference of Tết in the 21st century', () => {
    // given
    const differing: number[] = [];

    // when
    for (let year = 2001; year <= 2100; year++) {
      if (JSON.stringify(lunarNewYear(year, 7)) !== JSON.stringify(lunarNewYear(year, 8)))
        differing.push(year);
    }

    // then
    expect(differing).toEqual([2007, 2030, 2053]);
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
  it.each([
    [2004, '28/4/2004'], // leap month 2: the regular month 3 comes after it
    [2023, '29/4/2023'], // leap month 2
    [2024, '18/4/2024'],
    [2025, '7/4/2025'],
    [2026, '26/4/2026'],
    [2027, '16/4/2027'],
    [2028, '4/4/2028'],
    [2029, '23/4/2029'],
    [2030, '12/4/2030'],
    [2031, '1/4/2031'], // leap month 3 follows: the anniversary is in the regular one
  ])('%i: %s', (year, expected) => {
    // given / when
    const date = lunarToSolar({ year, month: 3, day: 10, leap: false });

    // then
    expect(date).toEqual(solar(expected));
  });
});

describe('leapMonthOf', () => {
  it('lists the leap months of 2000-2040', () => {
    // given
    const leaps: Array<[number, number]> = [];

    // when
    for (let year = 2000; year <= 2040; year++) {
      const month = leapMonthOf(year);
      if (month !== 0) leaps.push([year, month]);
    }

    // then (2033: leap month 11, the "2033 problem" of the Chinese calendar)
    expect(leaps).toEqual([
      [2001, 4],
      [2004, 2],
      [2006, 7],
      [2009, 5],
      [2012, 4],
      [2014, 9],
      [2017, 6],
      [2020, 4],
      [2023, 2],
      [2025, 6],
      [2028, 5],
      [2031, 3],
      [2033, 11],
      [2036, 6],
      [2039, 5],
    ]);
  });
});

describe('solarToLunar', () => {
  it.each([
    ['8/2/2024', { year: 2023, month: 12, day: 29, leap: false }], // first day of the 2024 Tết break
    ['9/2/2024', { year: 2023, month: 12, day: 30, leap: false }],
    ['25/1/2025', { year: 2024, month: 12, day: 26, leap: false }],
    ['28/1/2025', { year: 2024, month: 12, day: 29, leap: false }], // Giáp Thìn had no 30 Chạp
    ['14/2/2026', { year: 2025, month: 12, day: 27, leap: false }],
    ['16/2/2026', { year: 2025, month: 12, day: 29, leap: false }],
    ['22/2/2026', { year: 2026, month: 1, day: 6, leap: false }],
    ['25/7/2025', { year: 2025, month: 6, day: 1, leap: true }], // leap month 6 of Ất Tỵ
    ['25/12/2033', { year: 2033, month: 11, day: 4, leap: true }],
  ])('%s is %o', (date, expected) => {
    // given / when
    const lunar = solarToLunar(solar(date));

    // then
    expect(lunar).toEqual(expected);
  });

  it('has no 30 tháng Chạp from the eve of Tết 2025 to that of Tết 2032, and has one in 2024 and 2033', () => {
    // given the eve of each Tết
    const eves = [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033].map((year) => {
      const tet = lunarNewYear(year);
      return solarToLunar(dateFromJdn(jdnFromDate(tet.year, tet.month, tet.day) - 1)).day;
    });

    // then
    expect(eves).toEqual([30, 29, 29, 29, 29, 29, 29, 29, 29, 30]);
  });

  it('inverts lunarToSolar for every day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: jdnFromDate(1901, 3, 1), max: jdnFromDate(2198, 10, 31) }), (jdn) => {
        // given a solar date
        const date = dateFromJdn(jdn);

        // when converted to the lunar calendar and back
        const back = lunarToSolar(solarToLunar(date));

        // then
        expect(back).toEqual(date);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a leap month that does not exist and a day the month does not have', () => {
    // given / when / then
    expect(() => lunarToSolar({ year: 2026, month: 3, day: 1, leap: true })).toThrow(RangeError);
    expect(() => lunarToSolar({ year: 2024, month: 12, day: 30, leap: false })).toThrow(/has 29 days/);
  });

  it('throws CalendarRangeError outside the computed years', () => {
    // given / when / then
    expect(() => lunarNewYear(1700)).toThrow(CalendarRangeError);
    expect(() => solarToLunar({ year: 2300, month: 1, day: 1 })).toThrow(CalendarRangeError);
  });
});

describe('robustness of the holidays to astronomical error (2000-2100)', () => {
  const MARGIN_DAYS = 5 / 1440; // the model is good to about a minute; demand five
  const firstK = Math.round((jdnFromDate(1999, 11, 1) - 2451550.1) / 29.530588861);
  const lastK = Math.round((jdnFromDate(2101, 3, 1) - 2451550.1) / 29.530588861);

  it('never has a principal solar term within 5 minutes of the midnight that starts a lunar month', () => {
    // given every month start of the period
    const close: string[] = [];

    // when the nearest principal term is compared with that midnight
    for (let k = firstK; k <= lastK; k++) {
      const midnight = localMidnightJd(localJdn(newMoonJd(k), 7), 7);
      const target = (Math.round(sunApparentLongitude(midnight) / 30) * 30) % 360;
      const crossing = sunLongitudeCrossing(target, midnight);
      if (Math.abs(crossing - midnight) < MARGIN_DAYS)
        close.push(JSON.stringify(dateFromJdn(Math.floor(midnight + 0.5))));
    }

    // then (the closest, the 180° term of 22/9/2033, is 8.5 minutes before midnight)
    expect(close).toEqual([]);
  });

  it('starts month 1 and month 3 of every year with a new moon at least 5 minutes from midnight', () => {
    // given the new moons beginning lunar months 1 and (regular) 3
    const close: number[] = [];

    // when
    for (let year = 2000; year <= 2100; year++) {
      for (const month of [1, 3]) {
        const start = lunarToSolar({ year, month, day: 1, leap: false });
        const jdn = jdnFromDate(start.year, start.month, start.day);
        const k = Math.round((jdn - 2451550.1) / 29.530588861);
        const instant = newMoonJd(k);
        const local = instant + 0.5 + 7 / 24;
        const fromMidnight = Math.min(local - Math.floor(local), Math.ceil(local) - local);
        if (Math.floor(local) !== jdn || fromMidnight < MARGIN_DAYS) close.push(year);
      }
    }

    // then
    expect(close).toEqual([]);
  });
});
