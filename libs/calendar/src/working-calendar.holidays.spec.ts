import { CalendarRangeError } from './calendar.errors';
import { WorkingCalendar, type CalendarHoliday } from './working-calendar';

const line = (h: CalendarHoliday): string => `${h.date} ${h.kind} ${h.name}`;
const TET = 'Tết Nguyên đán';
const QK = 'Quốc khánh';

describe('WorkingCalendar.holidays: the official table 2024-2030', () => {
  const calendar = new WorkingCalendar();

  it.each<[number, string[]]>([
    [
      2024,
      [
        '2024-01-01 holiday Tết Dương lịch',
        '2024-02-08 official-decision Nghỉ Tết Nguyên đán',
        `2024-02-09 holiday ${TET}`, // 30 tháng Chạp
        `2024-02-10 holiday ${TET}`, // mùng 1 (Saturday)
        `2024-02-11 holiday ${TET}`, // Sunday
        `2024-02-12 holiday ${TET}`,
        `2024-02-13 holiday ${TET}`,
        '2024-02-14 official-decision Nghỉ Tết Nguyên đán',
        '2024-04-18 holiday Giỗ Tổ Hùng Vương',
        '2024-04-29 official-decision Nghỉ lễ 30/4 - 1/5 (hoán đổi ngày làm việc)',
        '2024-04-30 holiday Ngày Chiến thắng',
        '2024-05-01 holiday Ngày Quốc tế Lao động',
        `2024-09-02 holiday ${QK}`,
        `2024-09-03 holiday ${QK}`,
      ],
    ],
    [
      2025,
      [
        '2025-01-01 holiday Tết Dương lịch',
        '2025-01-27 official-decision Nghỉ Tết Nguyên đán',
        `2025-01-28 holiday ${TET}`, // 29 tháng Chạp, last day of Giáp Thìn
        `2025-01-29 holiday ${TET}`,
        `2025-01-30 holiday ${TET}`,
        `2025-01-31 holiday ${TET}`,
        `2025-02-01 holiday ${TET}`, // Saturday, placed by the decision: no compensatory day
        '2025-04-07 holiday Giỗ Tổ Hùng Vương',
        '2025-04-30 holiday Ngày Chiến thắng',
        '2025-05-01 holiday Ngày Quốc tế Lao động',
        '2025-05-02 official-decision Nghỉ lễ 30/4 - 1/5 (hoán đổi ngày làm việc)',
        `2025-09-01 holiday ${QK}`,
        `2025-09-02 holiday ${QK}`,
      ],
    ],
    [
      2026,
      [
        '2026-01-01 holiday Tết Dương lịch',
        '2026-01-02 official-decision Nghỉ Tết Dương lịch (hoán đổi ngày làm việc)',
        `2026-02-16 holiday ${TET}`,
        `2026-02-17 holiday ${TET}`,
        `2026-02-18 holiday ${TET}`,
        `2026-02-19 holiday ${TET}`,
        `2026-02-20 holiday ${TET}`,
        '2026-04-26 holiday Giỗ Tổ Hùng Vương', // Sunday
        '2026-04-27 compensatory Nghỉ bù Giỗ Tổ Hùng Vương',
        '2026-04-30 holiday Ngày Chiến thắng',
        '2026-05-01 holiday Ngày Quốc tế Lao động',
        '2026-08-31 official-decision Nghỉ lễ Quốc khánh (hoán đổi ngày làm việc)',
        `2026-09-01 holiday ${QK}`,
        `2026-09-02 holiday ${QK}`,
      ],
    ],
    [
      2027,
      [
        '2027-01-01 holiday Tết Dương lịch',
        `2027-02-05 holiday ${TET}`,
        `2027-02-06 holiday ${TET}`, // mùng 1, Saturday
        `2027-02-07 holiday ${TET}`, // Sunday
        `2027-02-08 holiday ${TET}`,
        `2027-02-09 holiday ${TET}`,
        '2027-02-10 compensatory Nghỉ bù Tết Nguyên đán',
        '2027-02-11 compensatory Nghỉ bù Tết Nguyên đán',
        '2027-04-16 holiday Giỗ Tổ Hùng Vương',
        '2027-04-30 holiday Ngày Chiến thắng',
        '2027-05-01 holiday Ngày Quốc tế Lao động', // Saturday
        '2027-05-03 compensatory Nghỉ bù Ngày Quốc tế Lao động',
        `2027-09-02 holiday ${QK}`, // Thursday: the adjacent day is Friday 3/9
        `2027-09-03 holiday ${QK}`,
      ],
    ],
    [
      2028,
      [
        '2028-01-01 holiday Tết Dương lịch', // Saturday
        '2028-01-03 compensatory Nghỉ bù Tết Dương lịch',
        `2028-01-25 holiday ${TET}`,
        `2028-01-26 holiday ${TET}`,
        `2028-01-27 holiday ${TET}`,
        `2028-01-28 holiday ${TET}`,
        `2028-01-29 holiday ${TET}`, // Saturday
        '2028-01-31 compensatory Nghỉ bù Tết Nguyên đán',
        '2028-04-04 holiday Giỗ Tổ Hùng Vương',
        '2028-04-30 holiday Ngày Chiến thắng', // Sunday; Monday 1/5 is a holiday itself
        '2028-05-01 holiday Ngày Quốc tế Lao động',
        '2028-05-02 compensatory Nghỉ bù Ngày Chiến thắng',
        `2028-09-01 holiday ${QK}`,
        `2028-09-02 holiday ${QK}`, // Saturday
        '2028-09-04 compensatory Nghỉ bù Quốc khánh',
      ],
    ],
    [
      2029,
      [
        '2029-01-01 holiday Tết Dương lịch',
        `2029-02-12 holiday ${TET}`,
        `2029-02-13 holiday ${TET}`,
        `2029-02-14 holiday ${TET}`,
        `2029-02-15 holiday ${TET}`,
        `2029-02-16 holiday ${TET}`,
        '2029-04-23 holiday Giỗ Tổ Hùng Vương',
        '2029-04-30 holiday Ngày Chiến thắng',
        '2029-05-01 holiday Ngày Quốc tế Lao động',
        `2029-09-02 holiday ${QK}`, // Sunday
        `2029-09-03 holiday ${QK}`,
        '2029-09-04 compensatory Nghỉ bù Quốc khánh',
      ],
    ],
    [
      2030,
      [
        '2030-01-01 holiday Tết Dương lịch',
        `2030-02-01 holiday ${TET}`,
        `2030-02-02 holiday ${TET}`, // mùng 1 in Vietnam (3/2 in China), Saturday
        `2030-02-03 holiday ${TET}`,
        `2030-02-04 holiday ${TET}`,
        `2030-02-05 holiday ${TET}`,
        '2030-02-06 compensatory Nghỉ bù Tết Nguyên đán',
        '2030-02-07 compensatory Nghỉ bù Tết Nguyên đán',
        '2030-04-12 holiday Giỗ Tổ Hùng Vương',
        '2030-04-30 holiday Ngày Chiến thắng',
        '2030-05-01 holiday Ngày Quốc tế Lao động',
        `2030-09-02 holiday ${QK}`,
        `2030-09-03 holiday ${QK}`,
      ],
    ],
  ])('%i', (year, expected) => {
    // given the default calendar (shipped decisions)

    // when
    const holidays = calendar.holidays(year).map(line);

    // then
    expect(holidays).toEqual(expected);
  });

  it('attributes decision days to their decision and first source', () => {
    // given / when
    const day = calendar.holidays(2026).find((h) => h.date === '2026-08-31');

    // then
    expect(day).toEqual({
      date: '2026-08-31',
      name: 'Nghỉ lễ Quốc khánh (hoán đổi ngày làm việc)',
      kind: 'official-decision',
      holiday: 'national-day',
      decisionId: '2026-national-day',
      source: '109/TB-UBND',
    });
  });

  it('lists the make-up working Saturdays (làm bù) of 2024-2026', () => {
    // given / when
    const days = [2024, 2025, 2026].flatMap((year) => calendar.makeUpWorkingDays(year));

    // then
    expect(days.map(({ date, replaces, name }) => [date, replaces, name])).toEqual([
      ['2024-05-04', '2024-04-29', 'Ngày làm bù cho ngày 29/04/2024'],
      ['2025-04-26', '2025-05-02', 'Ngày làm bù cho ngày 02/05/2025'],
      ['2026-01-10', '2026-01-02', 'Ngày làm bù cho ngày 02/01/2026'],
      ['2026-08-22', '2026-08-31', 'Ngày làm bù cho ngày 31/08/2026'],
    ]);
    expect(calendar.makeUpWorkingDays(2027)).toEqual([]);
  });

  it('works Saturday 22/8/2026 with full office hours and rests 29/8-2/9/2026', () => {
    // given / when
    const worked = calendar.workingPeriods('2026-08-22');
    const offDays = ['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02'].map((d) =>
      calendar.isWorkingDay(d),
    );

    // then
    expect(worked.map((p) => [p.start.toISOString(), p.end.toISOString()])).toEqual([
      ['2026-08-22T00:30:00.000Z', '2026-08-22T04:30:00.000Z'],
      ['2026-08-22T06:00:00.000Z', '2026-08-22T10:00:00.000Z'],
    ]);
    expect(offDays).toEqual([false, false, false, false, false]);
    expect(calendar.isWorkingDay('2026-08-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-09-03')).toBe(true);
  });

  it('works Saturday 4/5/2024 and rests Monday 29/4/2024', () => {
    // given / when / then
    expect(calendar.isWorkingDay('2024-05-04')).toBe(true);
    expect(calendar.isWorkingDay('2024-04-29')).toBe(false);
    expect(calendar.isWorkingDay('2024-05-02')).toBe(true);
  });

  it('rests every day of the Tết 2026 break, Saturday 14/2 to Sunday 22/2', () => {
    // given
    const days = Array.from({ length: 9 }, (_, i) => `2026-02-${String(14 + i).padStart(2, '0')}`);

    // when
    const working = days.map((d) => calendar.isWorkingDay(d));

    // then
    expect(working.every((w) => !w)).toBe(true);
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
  });

  it('throws CalendarRangeError for years outside 2000-2100', () => {
    // given / when / then
    expect(() => calendar.holidays(1999)).toThrow(CalendarRangeError);
    expect(() => calendar.holidays(2101)).toThrow(CalendarRangeError);
    expect(() => calendar.isWorkingDay('2101-01-03')).toThrow(CalendarRangeError);
    expect(calendar.holidays(2000)[0]).toEqual({
      date: '2000-01-01',
      name: 'Tết Dương lịch',
      kind: 'holiday',
      holiday: 'new-year',
    });
    expect(calendar.holidays(2100).length).toBeGreaterThanOrEqual(11);
  });
});

describe('WorkingCalendar.holidays: compensatory days (Labour Code art. 111.3)', () => {
  it('computes them from the Labour Code when no decision places a holiday', () => {
    // given a calendar without official decisions
    const calendar = new WorkingCalendar({ decisions: { version: 'none', decisions: [] } });

    // when
    const tet2024 = calendar.holidays(2024).filter((h) => h.date.startsWith('2024-02'));

    // then Saturday 10/2 and Sunday 11/2 are compensated on the next working days after the break
    expect(tet2024.map(line)).toEqual([
      `2024-02-09 holiday ${TET}`,
      `2024-02-10 holiday ${TET}`,
      `2024-02-11 holiday ${TET}`,
      `2024-02-12 holiday ${TET}`,
      `2024-02-13 holiday ${TET}`,
      '2024-02-14 compensatory Nghỉ bù Tết Nguyên đán',
      '2024-02-15 compensatory Nghỉ bù Tết Nguyên đán',
    ]);
    expect(calendar.isWorkingDay('2024-02-08')).toBe(true);
    expect(calendar.isWorkingDay('2024-05-04')).toBe(false);
  });

  it('gives no compensatory day for a holiday on a day the office works (Saturday-morning office)', () => {
    // given an office that also works Saturday mornings
    const calendar = new WorkingCalendar({ weeklyPattern: { sat: [{ from: '07:30', to: '11:30' }] } });

    // when
    const tet2027 = calendar.holidays(2027).filter((h) => h.date.startsWith('2027-02'));

    // then Saturday 6/2 is not a weekly rest day there; only Sunday 7/2 is compensated
    expect(tet2027.map(line)).toEqual([
      `2027-02-05 holiday ${TET}`,
      `2027-02-06 holiday ${TET}`,
      `2027-02-07 holiday ${TET}`,
      `2027-02-08 holiday ${TET}`,
      `2027-02-09 holiday ${TET}`,
      '2027-02-10 compensatory Nghỉ bù Tết Nguyên đán',
    ]);
    expect(calendar.workingPeriods('2027-02-13').map((p) => p.end.toISOString())).toEqual([
      '2027-02-13T04:30:00.000Z',
    ]);
    // and the decision's Tết 2026 break closes its Saturday 14/2 too
    expect(calendar.isWorkingDay('2026-02-14')).toBe(false);
    expect(calendar.holidays(2026).find((h) => h.date === '2026-02-14')?.kind).toBe('official-decision');
  });
});
