import { CalendarRangeError, InvalidCalendarConfigError, InvalidDurationError } from './calendar.errors';
import { DEFAULT_OFFICIAL_DECISIONS, type OfficialDecisions } from './official-decisions';
import { WorkingCalendar } from './working-calendar';

/** An instant written in Vietnam time, e.g. vn('2026-02-13 16:30'). */
const vn = (local: string): Date => new Date(`${local.replace(' ', 'T')}+07:00`);
/** Vietnam-time rendering of an instant, `YYYY-MM-DD HH:MM` (with `:SS` when not on a minute). */
const local = (date: Date): string => {
  const text = new Date(date.getTime() + 7 * 3_600_000).toISOString();
  return (
    text.slice(0, 10) + ' ' + (text.slice(17, 23) === '00.000' ? text.slice(11, 16) : text.slice(11, 19))
  );
};

describe('WorkingCalendar configuration', () => {
  it('records the decisions version and a hash of its configuration', () => {
    // given / when
    const calendar = new WorkingCalendar();

    // then
    expect(calendar.decisionsVersion).toBe(DEFAULT_OFFICIAL_DECISIONS.version);
    expect(calendar.version).toMatch(
      new RegExp(`^${DEFAULT_OFFICIAL_DECISIONS.version.replace('.', '\\.')}\\+cfg\\.[0-9a-f]{8}$`),
    );
    expect(calendar.settings).toEqual({
      officeHours: [
        { from: '07:30', to: '11:30' },
        { from: '13:00', to: '17:00' },
      ],
      weeklyPattern: {
        sun: [],
        mon: [
          { from: '07:30', to: '11:30' },
          { from: '13:00', to: '17:00' },
        ],
        tue: [
          { from: '07:30', to: '11:30' },
          { from: '13:00', to: '17:00' },
        ],
        wed: [
          { from: '07:30', to: '11:30' },
          { from: '13:00', to: '17:00' },
        ],
        thu: [
          { from: '07:30', to: '11:30' },
          { from: '13:00', to: '17:00' },
        ],
        fri: [
          { from: '07:30', to: '11:30' },
          { from: '13:00', to: '17:00' },
        ],
        sat: [],
      },
      cutoff: 'none',
      decisionsVersion: DEFAULT_OFFICIAL_DECISIONS.version,
    });
  });

  it('gives equal versions to equal configurations and different ones otherwise', () => {
    // given
    const a = new WorkingCalendar();
    const b = new WorkingCalendar({
      officeHours: [
        { from: '13:00', to: '17:00' },
        { from: '07:30', to: '11:30' },
      ],
    });
    const c = new WorkingCalendar({
      officeHours: [
        { from: '07:00', to: '11:30' },
        { from: '13:30', to: '17:00' },
      ],
    });
    const d = new WorkingCalendar({ cutoff: '15:00' });
    const e = new WorkingCalendar({ decisions: { ...DEFAULT_OFFICIAL_DECISIONS, version: 'admin-7' } });

    // when / then
    expect(b.version).toBe(a.version);
    expect(c.version).not.toBe(a.version);
    expect(d.version).not.toBe(a.version);
    expect(e.version).toMatch(/^admin-7\+cfg\./);
    expect(e.version.split('+')[1]).toBe(a.version.split('+')[1]);
  });

  it('uses decisions passed to the constructor instead of the shipped ones', () => {
    // given an admin adding a day off on Wednesday 29/4/2026 (hypothetical)
    const decisions: OfficialDecisions = {
      version: 'admin-2026-04',
      decisions: [
        ...DEFAULT_OFFICIAL_DECISIONS.decisions,
        {
          id: '2026-victory-labour',
          year: 2026,
          covers: ['victory-day', 'labour-day'],
          name: 'Nghỉ lễ 30/4 - 1/5',
          daysOff: { from: '2026-04-29', to: '2026-05-03' },
          workingDays: [{ date: '2026-05-09', replaces: '2026-04-29' }],
          sources: [
            { issuer: 'Test', number: '1/TEST', date: '2026-03-01', title: 'A hypothetical decision' },
          ],
          unverified: true,
        },
      ],
    };

    // when
    const calendar = new WorkingCalendar({ decisions });

    // then
    expect(calendar.decisionsVersion).toBe('admin-2026-04');
    expect(calendar.isWorkingDay('2026-04-29')).toBe(false);
    expect(calendar.isWorkingDay('2026-05-09')).toBe(true);
    expect(new WorkingCalendar().isWorkingDay('2026-04-29')).toBe(true);
  });

  it.each<[string, () => WorkingCalendar]>([
    [
      'overlapping office hours',
      () =>
        new WorkingCalendar({
          officeHours: [
            { from: '07:30', to: '12:00' },
            { from: '11:00', to: '17:00' },
          ],
        }),
    ],
    ['an impossible time', () => new WorkingCalendar({ officeHours: [{ from: '07:30', to: '25:00' }] })],
    [
      'an interval ending before it starts',
      () => new WorkingCalendar({ officeHours: [{ from: '17:00', to: '07:30' }] }),
    ],
    ['no office hours', () => new WorkingCalendar({ officeHours: [] })],
    [
      'a week without working day',
      () =>
        new WorkingCalendar({
          weeklyPattern: { mon: 'closed', tue: 'closed', wed: 'closed', thu: 'closed', fri: 'closed' },
        }),
    ],
    ['an unknown weekday', () => new WorkingCalendar({ weeklyPattern: { monday: 'closed' } as never })],
    ['a malformed cut-off', () => new WorkingCalendar({ cutoff: '3pm' as never })],
    ['invalid decisions', () => new WorkingCalendar({ decisions: { version: '', decisions: [] } })],
  ])('rejects %s with InvalidCalendarConfigError', (_, build) => {
    // given / when / then
    expect(build).toThrow(InvalidCalendarConfigError);
  });
});

describe('WorkingCalendar.addWorkingTime: edge semantics', () => {
  const calendar = new WorkingCalendar();

  it.each([
    ['adding 0 inside office hours returns the instant', '2026-03-02 09:15', 0, '2026-03-02 09:15'],
    ['adding 0 at an opening returns it', '2026-03-02 07:30', 0, '2026-03-02 07:30'],
    ['adding 0 at lunch returns the afternoon opening', '2026-03-02 12:00', 0, '2026-03-02 13:00'],
    ['adding 0 at a closing returns the next opening', '2026-03-06 17:00', 0, '2026-03-09 07:30'],
    ['adding 0 on a Sunday returns Monday opening', '2026-03-08 10:00', 0, '2026-03-09 07:30'],
    ['landing on the evening closing returns 17:00', '2026-03-02 16:00', 60, '2026-03-02 17:00'],
    ['landing on the noon closing returns 11:30', '2026-03-02 10:30', 60, '2026-03-02 11:30'],
    ['one minute past a closing goes to the next period', '2026-03-02 10:30', 61, '2026-03-02 13:01'],
    ['time skips the lunch break', '2026-03-02 11:00', 60, '2026-03-02 13:30'],
    ['a working day from the opening ends at the closing', '2026-03-02 07:30', 480, '2026-03-02 17:00'],
    ['a working day from mid-morning ends next day same time', '2026-03-02 09:00', 480, '2026-03-03 09:00'],
    ['time received on a Saturday counts from Monday', '2026-03-07 09:00', 30, '2026-03-09 08:00'],
    [
      'subtracting lands on an opening, not the previous closing',
      '2026-03-03 08:00',
      -30,
      '2026-03-03 07:30',
    ],
    ['subtracting one more minute goes to the previous day', '2026-03-03 08:00', -31, '2026-03-02 16:59'],
    ['subtracting from a night instant counts from the closing', '2026-03-02 20:00', -60, '2026-03-02 16:00'],
    ['fractions of a minute are kept (0.5 min)', '2026-03-02 08:00', 0.5, '2026-03-02 08:00:30'],
  ])('%s', (_, from, minutes, expected) => {
    // given / when
    const result = calendar.addWorkingTime(vn(from), minutes);

    // then
    expect(local(result)).toBe(expected);
  });

  it('keeps seconds of the starting instant', () => {
    // given
    const from = new Date(vn('2026-03-02 08:00').getTime() + 30_000);

    // when
    const result = calendar.addWorkingTime(from, 60);

    // then
    expect(local(result)).toBe('2026-03-02 09:00:30');
  });

  it('returns a new Date and leaves its argument alone', () => {
    // given
    const from = vn('2026-03-02 09:15');

    // when
    const result = calendar.addWorkingTime(from, 0);

    // then
    expect(result).not.toBe(from);
    expect(local(from)).toBe('2026-03-02 09:15');
  });

  it('rejects invalid instants and durations', () => {
    // given / when / then
    expect(() => calendar.addWorkingTime(new Date(Number.NaN), 10)).toThrow(TypeError);
    expect(() => calendar.addWorkingTime(vn('2026-03-02 09:00'), Number.NaN)).toThrow(RangeError);
    expect(() => calendar.addWorkingTime(vn('2026-03-02 09:00'), Number.POSITIVE_INFINITY)).toThrow(
      RangeError,
    );
  });

  it('throws CalendarRangeError outside 2000-2100', () => {
    // given / when / then
    expect(() => calendar.addWorkingTime(vn('1999-12-31 09:00'), 60)).toThrow(CalendarRangeError);
    expect(() => calendar.addWorkingTime(vn('2100-12-31 16:00'), 120)).toThrow(CalendarRangeError);
    expect(() => calendar.addWorkingTime(vn('2000-01-03 08:00'), -120)).toThrow(CalendarRangeError);
    expect(local(calendar.addWorkingTime(vn('2100-12-31 16:00'), 60))).toBe('2100-12-31 17:00');
  });
});

describe('WorkingCalendar: additions across Tết 2026 and the 2026 national day, to the minute', () => {
  const calendar = new WorkingCalendar();

  it.each([
    [
      'the last half hour before Tết ends at 17:00 on Friday 13/2',
      '2026-02-13 16:30',
      '30m',
      '2026-02-13 17:00',
    ],
    ['one more minute jumps the whole break to Monday 23/2', '2026-02-13 16:30', '31m', '2026-02-23 07:31'],
    ['3 working days from Thursday 12/2 09:00', '2026-02-12 09:00', '3d', '2026-02-24 09:00'],
    ['4 working hours from Friday 13/2 15:00', '2026-02-13 15:00', '4h', '2026-02-23 09:30'],
    [
      '12 working days (land parcel split) from Tuesday 10/2 08:00',
      '2026-02-10 08:00',
      '12d',
      '2026-03-05 08:00',
    ],
    ['0.5 day received during Tết counts from 23/2', '2026-02-18 10:00', '0.5d', '2026-02-23 11:30'],
    ['1d4h from Friday 28/8 16:00 skips 29/8-2/9', '2026-08-28 16:00', '1d4h', '2026-09-04 10:30'],
    ['the working Saturday 22/8 is used', '2026-08-21 16:00', '2h', '2026-08-22 08:30'],
    ['the year boundary 2025/2026 and the 2/1/2026 swap', '2025-12-31 16:00', '2h', '2026-01-05 08:30'],
  ])('%s', (_, from, duration, expected) => {
    // given / when
    const result = calendar.addWorkingDuration(vn(from), duration);

    // then
    expect(local(result)).toBe(expected);
  });

  it('measures the working time across the break', () => {
    // given / when / then
    expect(calendar.workingMinutesBetween(vn('2026-02-13 16:30'), vn('2026-02-23 07:31'))).toBe(31);
    expect(calendar.workingMinutesBetween(vn('2026-02-09 07:30'), vn('2026-02-23 07:30'))).toBe(5 * 480);
    expect(calendar.workingMinutesBetween(vn('2026-02-23 07:31'), vn('2026-02-13 16:30'))).toBe(-31);
    expect(calendar.workingMinutesBetween(vn('2025-12-31 16:00'), vn('2026-01-05 08:30'))).toBe(120);
    expect(calendar.workingMinutesBetween(vn('2026-02-14 10:00'), vn('2026-02-22 10:00'))).toBe(0);
    expect(Object.is(calendar.workingMinutesBetween(vn('2026-02-22 10:00'), vn('2026-02-14 10:00')), 0)).toBe(
      true,
    );
  });

  it('measures whole years and several years', () => {
    // given / when
    const year2026 = calendar.workingMinutesBetween(vn('2026-01-01 00:00'), vn('2027-01-01 00:00'));
    const threeYears = calendar.workingMinutesBetween(vn('2024-01-01 00:00'), vn('2027-01-01 00:00'));

    // then 2026 has 261 weekdays, 13 of them off (1-2/1, 16-20/2, 27/4, 30/4, 1/5, 31/8, 1-2/9),
    // plus 2 working Saturdays (10/1, 22/8): 250 working days
    expect(year2026).toBe(250 * 480);
    expect(threeYears).toBeGreaterThan(3 * 245 * 480);
  });
});

describe('WorkingCalendar: instants and days', () => {
  const calendar = new WorkingCalendar();

  it.each([
    ['2026-03-02 07:30', true],
    ['2026-03-02 07:29', false],
    ['2026-03-02 11:29', true],
    ['2026-03-02 11:30', false],
    ['2026-03-02 13:00', true],
    ['2026-03-02 17:00', false],
    ['2026-03-07 09:00', false],
    ['2026-02-17 09:00', false],
  ])('isWorkingInstant(%s) is %s', (at, expected) => {
    // given / when / then
    expect(calendar.isWorkingInstant(vn(at))).toBe(expected);
  });

  it('reads the civil day of a Date in Vietnam time', () => {
    // given Monday 2/3/2026 00:30 in Hà Nội, still Sunday 1/3 in UTC
    const instant = vn('2026-03-02 00:30');

    // when / then
    expect(instant.getUTCDay()).toBe(0);
    expect(calendar.isWorkingDay(instant)).toBe(true);
    expect(calendar.isWorkingDay('2026-03-01')).toBe(false);
  });

  it('gives the next working instant', () => {
    // given / when / then
    expect(local(calendar.nextWorkingInstant(vn('2026-02-13 17:00')))).toBe('2026-02-23 07:30');
    expect(local(calendar.nextWorkingInstant(vn('2026-02-23 10:00')))).toBe('2026-02-23 10:00');
    expect(local(calendar.nextWorkingInstant(vn('2025-12-31 17:30')))).toBe('2026-01-05 07:30');
  });

  it('rejects malformed dates', () => {
    // given / when / then
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(CalendarRangeError);
    expect(() => calendar.isWorkingDay('26/2/2026')).toThrow(CalendarRangeError);
  });
});

describe('WorkingCalendar.countingStart: the cut-off rule', () => {
  const calendar = new WorkingCalendar();

  it.each([
    ['none', '2026-03-02 16:45', '2026-03-02 16:45'],
    ['none', '2026-03-02 18:00', '2026-03-03 07:30'],
    ['none', '2026-03-07 09:00', '2026-03-09 07:30'],
    ['15:00', '2026-03-02 14:59', '2026-03-02 14:59'],
    ['15:00', '2026-03-02 15:00', '2026-03-02 15:00'], // "after 15:00" is strictly after
    ['15:00', '2026-03-02 15:01', '2026-03-03 07:30'],
    ['15:00', '2026-03-02 12:10', '2026-03-02 13:00'], // lunch, before the cut-off
    ['15:00', '2026-02-13 15:30', '2026-02-23 07:30'], // the day before the Tết break
    ['15:00', '2026-03-07 16:00', '2026-03-09 07:30'], // Saturday
    ['last-office-hour', '2026-03-02 15:59', '2026-03-02 15:59'],
    ['last-office-hour', '2026-03-02 16:00', '2026-03-03 07:30'],
    ['last-office-hour', '2026-03-06 16:30', '2026-03-09 07:30'],
  ] as const)('with cut-off %s, received %s counts from %s', (cutoff, received, expected) => {
    // given / when
    const start = calendar.countingStart(vn(received), cutoff);

    // then
    expect(local(start)).toBe(expected);
  });

  it('applies the calendar default cut-off unless told otherwise', () => {
    // given
    const calendar1500 = new WorkingCalendar({ cutoff: '15:00' });

    // when / then
    expect(calendar1500.cutoff).toBe('15:00');
    expect(local(calendar1500.countingStart(vn('2026-03-02 15:30')))).toBe('2026-03-03 07:30');
    expect(local(calendar1500.countingStart(vn('2026-03-02 15:30'), 'none'))).toBe('2026-03-02 15:30');
  });

  it('takes the last office hour of a Saturday-morning office from its own closing', () => {
    // given an office open Saturday 07:30-11:30
    const saturdays = new WorkingCalendar({ weeklyPattern: { sat: [{ from: '07:30', to: '11:30' }] } });

    // when / then
    expect(local(saturdays.countingStart(vn('2026-03-07 10:29'), 'last-office-hour'))).toBe(
      '2026-03-07 10:29',
    );
    expect(local(saturdays.countingStart(vn('2026-03-07 10:30'), 'last-office-hour'))).toBe(
      '2026-03-09 07:30',
    );
  });

  it('computes a deadline: 3 working days received after 15:00 on the eve of Tết 2026', () => {
    // given a birth registration (Decree 63/2024: 3 working days, after 15:00 counts next day)
    const received = vn('2026-02-12 15:30');

    // when
    const due = calendar.deadline(received, '3d', '15:00');

    // then counting starts Friday 13/2 07:30: Friday, Monday 23/2, Tuesday 24/2
    expect(local(due)).toBe('2026-02-24 17:00');
    // without the cut-off the 3 days run from Thursday 15:30 to Tuesday 15:30
    expect(local(calendar.deadline(received, 3 * 480))).toBe('2026-02-24 15:30');
    expect(() => calendar.deadline(received, '3 days')).toThrow(InvalidDurationError);
  });
});
