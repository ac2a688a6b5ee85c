import {
  deltaTSeconds,
  lunationNear,
  newMoonJd,
  newMoonJde,
  sunApparentLongitudeTt,
  sunLongitudeCrossing,
} from './astronomy.util';

const jdOf = (iso: string): number => Date.parse(iso) / 86_400_000 + 2440587.5;
const minutesBetween = (jdA: number, jdB: number): number => Math.abs(jdA - jdB) * 1440;

describe('newMoonJde (Meeus ch. 49)', () => {
  it('reproduces Meeus example 49.a (new moon of February 1977)', () => {
    // given the lunation number of the new moon of 1977 Feb 18
    const k = -283;

    // when
    const jde = newMoonJde(k);

    // then JDE 2443192.65118 (1977 Feb 18, 3h37m42s TD)
    expect(jde).toBeCloseTo(2443192.65118, 5);
  });

  it.each([
    ['2000-01-06T18:14Z'],
    ['2007-02-17T16:14Z'],
    ['2024-02-09T22:59Z'],
    ['2026-02-17T12:01Z'],
    ['2030-02-02T16:07Z'],
    ['2033-01-30T21:59Z'],
  ])('places the new moon of %s (UT, published) within a minute', (published) => {
    // given
    const jd = jdOf(published);

    // when
    const computed = newMoonJd(lunationNear(jd));

    // then
    expect(minutesBetween(computed, jd)).toBeLessThan(1);
  });
});

describe('sunApparentLongitudeTt (truncated VSOP87)', () => {
  it('agrees with Meeus example 25.b to a few arcseconds', () => {
    // given 1992 October 13.0 TD
    const jde = 2448908.5;

    // when
    const longitude = sunApparentLongitudeTt(jde);

    // then 199°54′21.8″ (±3″)
    expect(Math.abs(longitude - 199.906016) * 3600).toBeLessThan(3);
  });

  it.each([
    [0, '2000-03-20T07:35Z'],
    [90, '2000-06-21T01:48Z'],
    [180, '2000-09-22T17:27Z'],
    [270, '2000-12-21T13:37Z'],
    [0, '2020-03-20T03:50Z'],
    [90, '2020-06-20T21:43Z'],
    [180, '2020-09-22T13:31Z'],
    [270, '2020-12-21T10:02Z'],
    [270, '2024-12-21T09:20Z'],
    [0, '2025-03-20T09:01Z'],
  ])('finds the %i° solar term of %s (published, UT) within two minutes', (longitude, published) => {
    // given a guess a day early
    const guess = jdOf(published) - 1;

    // when
    const crossing = sunLongitudeCrossing(longitude, guess);

    // then
    expect(minutesBetween(crossing, jdOf(published))).toBeLessThan(2);
  });
});

describe('deltaTSeconds', () => {
  it('gives the observed ΔT of 2000 and a plausible extrapolation for 2100', () => {
    // given / when
    const at2000 = deltaTSeconds(2000);
    const at2100 = deltaTSeconds(2100);

    // then 63.8 s observed in 2000; a few minutes expected by 2100
    expect(at2000).toBeCloseTo(63.86, 1);
    expect(at2100).toBeGreaterThan(100);
    expect(at2100).toBeLessThan(300);
  });
});
