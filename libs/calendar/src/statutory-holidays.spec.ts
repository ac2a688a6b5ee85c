import { dayNumberFromIso, isoFromDayNumber } from './date.util';
import {
  HOLIDAY_NAMES,
  compensatoryName,
  defaultNationalDayAdjacent,
  statutoryHolidays,
} from './statutory-holidays';

describe('statutoryHolidays', () => {
  it('lists the 11 days of art. 112 for 2026 with their Vietnamese names', () => {
    // given / when
    const holidays = statutoryHolidays(2026).map(({ date, name }) => [date, name]);

    // then
    expect(holidays).toEqual([
      ['2026-01-01', 'Tết Dương lịch'],
      ['2026-02-16', 'Tết Nguyên đán'], // 29 tháng Chạp, the last day of the lunar year
      ['2026-02-17', 'Tết Nguyên đán'],
      ['2026-02-18', 'Tết Nguyên đán'],
      ['2026-02-19', 'Tết Nguyên đán'],
      ['2026-02-20', 'Tết Nguyên đán'],
      ['2026-04-26', 'Giỗ Tổ Hùng Vương'],
      ['2026-04-30', 'Ngày Chiến thắng'],
      ['2026-05-01', 'Ngày Quốc tế Lao động'],
      ['2026-09-01', 'Quốc khánh'],
      ['2026-09-02', 'Quốc khánh'],
    ]);
  });

  it('uses the adjacent national day it is given', () => {
    // given
    const adjacent = dayNumberFromIso('2026-09-03');

    // when
    const national = statutoryHolidays(2026, adjacent).filter((h) => h.key === 'national-day');

    // then
    expect(national.map((h) => h.date)).toEqual(['2026-09-02', '2026-09-03']);
  });

  it('names compensatory days "Nghỉ bù <holiday>"', () => {
    // given / when / then
    expect(compensatoryName('hung-kings')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(Object.values(HOLIDAY_NAMES)).toEqual([
      'Tết Dương lịch',
      'Tết Nguyên đán',
      'Giỗ Tổ Hùng Vương',
      'Ngày Chiến thắng',
      'Ngày Quốc tế Lao động',
      'Quốc khánh',
    ]);
  });
});

describe('defaultNationalDayAdjacent', () => {
  it.each([
    // the government's choices 2021-2026
    [2021, '2021-09-03'], // Thursday 2/9
    [2022, '2022-09-01'], // Friday
    [2023, '2023-09-01'], // Saturday
    [2024, '2024-09-03'], // Monday
    [2025, '2025-09-01'], // Tuesday
    [2026, '2026-09-01'], // Wednesday
    [2029, '2029-09-03'], // Sunday
  ])('%i: %s', (year, expected) => {
    // given / when
    const adjacent = isoFromDayNumber(defaultNationalDayAdjacent(year));

    // then
    expect(adjacent).toBe(expected);
  });
});
