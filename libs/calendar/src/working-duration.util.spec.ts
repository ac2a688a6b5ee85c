import fc from 'fast-check';
import { InvalidDurationError } from './calendar.errors';
import { formatWorkingDuration, parseWorkingDuration } from './working-duration.util';

describe('parseWorkingDuration', () => {
  it.each([
    ['3d', 1440],
    ['4h', 240],
    ['1d4h', 720],
    ['1d 4h', 720],
    ['0.5d', 240],
    ['30m', 30],
    ['2h30m', 150],
    ['1d2h3m', 603],
    ['1.5h', 90],
    ['0.25d', 120],
    ['0m', 0],
    ['0d', 0],
    ['12d', 5760],
    ['168h', 10080], // Nghệ An 3857/QĐ-UBND: 168 working hours = 21 working days
    ['  3d ', 1440],
  ])('%j is %i working minutes', (text, minutes) => {
    // given / when
    const parsed = parseWorkingDuration(text);

    // then
    expect(parsed).toBe(minutes);
  });

  it.each([
    [''],
    ['   '],
    ['3'],
    ['d'],
    ['3x'],
    ['P3D'],
    ['PT4H'],
    ['-1d'],
    ['+1d'],
    ['4h1d'],
    ['1d1d'],
    ['1 d'],
    ['.5d'],
    ['1,5d'],
    ['1e3m'],
    ['0.01h'], // 0.6 minutes: not a whole number of minutes
    ['3 ngày'],
    ['3D'],
    ['99999999999999999999d'],
  ])('rejects %j with InvalidDurationError', (text) => {
    // given / when / then
    expect(() => parseWorkingDuration(text)).toThrow(InvalidDurationError);
  });

  it('names the input and the expected syntax in the error', () => {
    // given / when
    const error = (() => {
      try {
        parseWorkingDuration('P3D');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();

    // then
    expect(error).toBeInstanceOf(InvalidDurationError);
    expect((error as InvalidDurationError).name).toBe('InvalidDurationError');
    expect((error as InvalidDurationError).message).toMatch(/"P3D".*1d4h/);
  });

  it('rejects values that are not strings', () => {
    // given / when / then
    expect(() => parseWorkingDuration(3 as unknown as string)).toThrow(InvalidDurationError);
  });
});

describe('formatWorkingDuration', () => {
  it.each([
    [720, '1d4h'],
    [1440, '3d'],
    [240, '4h'],
    [30, '30m'],
    [603, '1d2h3m'],
    [481, '1d1m'],
    [0, '0m'],
    [-720, '-1d4h'],
    [29.6, '30m'],
  ])('%d minutes is %j', (minutes, text) => {
    // given / when
    const formatted = formatWorkingDuration(minutes);

    // then
    expect(formatted).toBe(text);
  });

  it('rejects non-finite values', () => {
    // given / when / then
    expect(() => formatWorkingDuration(Number.NaN)).toThrow(InvalidDurationError);
  });

  it('is inverted by parseWorkingDuration (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (minutes) => {
        // given / when
        const back = parseWorkingDuration(formatWorkingDuration(minutes));

        // then
        expect(back).toBe(minutes);
      }),
    );
  });
});
