import fc from 'fast-check';
import { WorkingCalendar } from './working-calendar';

const FROM = Date.parse('2024-01-01T00:00:00+07:00');
const TO = Date.parse('2028-01-01T00:00:00+07:00');
const MAX_MINUTES = 30 * 480;

/** Any instant of 2024-2027, to the millisecond. */
const instant = fc.integer({ min: FROM, max: TO - 1 }).map((ms) => new Date(ms));
/** Any instant of 2024-2027 on a whole minute. */
const minuteInstant = fc
  .integer({ min: FROM / 60_000, max: TO / 60_000 - 1 })
  .map((m) => new Date(m * 60_000));
/** A positive working duration up to 30 working days, in whole minutes. */
const duration = fc.integer({ min: 1, max: MAX_MINUTES });

const calendars: Array<[string, WorkingCalendar]> = [
  ['the default calendar', new WorkingCalendar()],
  [
    'a Saturday-morning office with 07:00-11:30 / 13:30-17:00 and a 15:00 cut-off',
    new WorkingCalendar({
      officeHours: [
        { from: '07:00', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
      weeklyPattern: { sat: [{ from: '07:00', to: '11:30' }] },
      cutoff: '15:00',
    }),
  ],
];

describe.each(calendars)('properties of %s', (_, calendar) => {
  /** True when `at` is inside a working period or exactly at the end of one. */
  const insideOrAtEnd = (at: Date): boolean =>
    calendar.isWorkingInstant(at) ||
    calendar.workingPeriods(at).some((p) => p.end.getTime() === at.getTime());

  it('adding then measuring returns the same duration', () => {
    fc.assert(
      fc.property(instant, duration, (start, minutes) => {
        // given / when
        const end = calendar.addWorkingTime(start, minutes);

        // then
        expect(calendar.workingMinutesBetween(start, end)).toBe(minutes);
      }),
    );
  });

  it('results fall inside office hours or exactly at the end of a period', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: MAX_MINUTES }), (start, minutes) => {
        // given / when
        const end = calendar.addWorkingTime(start, minutes);

        // then
        expect(insideOrAtEnd(end)).toBe(true);
        if (minutes === 0) expect(calendar.isWorkingInstant(end)).toBe(true);
        expect(end.getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
    );
  });

  it('adding is monotonic in the start and in the duration', () => {
    fc.assert(
      fc.property(instant, instant, duration, duration, (a, b, d1, d2) => {
        // given
        const [early, late] = a <= b ? [a, b] : [b, a];
        const [short, long] = d1 <= d2 ? [d1, d2] : [d2, d1];

        // when / then
        expect(calendar.addWorkingTime(early, short).getTime()).toBeLessThanOrEqual(
          calendar.addWorkingTime(late, short).getTime(),
        );
        expect(calendar.addWorkingTime(early, short).getTime()).toBeLessThanOrEqual(
          calendar.addWorkingTime(early, long).getTime(),
        );
      }),
    );
  });

  it('measuring then adding returns the end when it is inside a period or at a closing', () => {
    fc.assert(
      fc.property(minuteInstant, minuteInstant, duration, (a, b, minutes) => {
        // given an end reached by adding time, hence in (opening, closing], later than the start
        const end = calendar.addWorkingTime(b, minutes);
        const start = a <= end ? a : b;

        // when
        const measured = calendar.workingMinutesBetween(start, end);

        // then
        expect(calendar.addWorkingTime(start, measured).getTime()).toBe(end.getTime());
      }),
    );
  });

  it('measuring then adding returns a working instant before the start (negative duration)', () => {
    fc.assert(
      fc.property(instant, duration, (a, minutes) => {
        // given a working instant and a start after it
        const end = calendar.nextWorkingInstant(a);
        const start = calendar.addWorkingTime(end, minutes);

        // when
        const measured = calendar.workingMinutesBetween(start, end);

        // then
        expect(measured).toBe(-minutes);
        expect(calendar.addWorkingTime(start, measured).getTime()).toBe(end.getTime());
      }),
    );
  });

  it('measuring is antisymmetric and additive', () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        // given / when
        const ab = calendar.workingMinutesBetween(a, b);
        const bc = calendar.workingMinutesBetween(b, c);
        const ac = calendar.workingMinutesBetween(a, c);

        // then (exact in milliseconds)
        expect(Math.round(ab * 60_000)).toBe(-Math.round(calendar.workingMinutesBetween(b, a) * 60_000) + 0);
        expect(Math.round((ab + bc) * 60_000)).toBe(Math.round(ac * 60_000));
      }),
    );
  });

  it('counting starts at a working instant, never before the receipt', () => {
    fc.assert(
      fc.property(
        instant,
        fc.constantFrom('none', 'last-office-hour', '15:00' as const),
        (received, cutoff) => {
          // given / when
          const start = calendar.countingStart(received, cutoff);

          // then
          expect(calendar.isWorkingInstant(start)).toBe(true);
          expect(start.getTime()).toBeGreaterThanOrEqual(received.getTime());
        },
      ),
    );
  });
});
