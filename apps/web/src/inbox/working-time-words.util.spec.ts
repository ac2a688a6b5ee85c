import { WorkingCalendar } from '@lienthong/calendar';
import { remainingWorkingTimeWords, stepTimeWords, workingDurationWords } from './working-time-words.util';

/** An instant given in Vietnam time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('working time in words', () => {
  it('says days, hours and minutes of working time, a day being 8 hours', () => {
    expect(workingDurationWords(2 * 480)).toBe('2 ngày');
    expect(workingDurationWords(480 + 4 * 60)).toBe('1 ngày 4 giờ');
    expect(workingDurationWords(3 * 60)).toBe('3 giờ');
    expect(workingDurationWords(3 * 60 + 15)).toBe('3 giờ 15 phút');
    expect(workingDurationWords(20)).toBe('20 phút');
    // minutes are left out once whole days are counted
    expect(workingDurationWords(480 + 2 * 60 + 30)).toBe('1 ngày 2 giờ');
  });

  it('says the time left, rounded down', () => {
    expect(remainingWorkingTimeWords(2 * 480)).toBe('còn 2 ngày làm việc');
    expect(remainingWorkingTimeWords(3 * 60 + 0.9)).toBe('còn 3 giờ làm việc');
    expect(remainingWorkingTimeWords(0.4)).toBe('còn dưới 1 phút làm việc');
  });

  it('says the time exceeded, rounded up', () => {
    expect(remainingWorkingTimeWords(-(480 + 2 * 60))).toBe('quá hạn 1 ngày 2 giờ');
    expect(remainingWorkingTimeWords(-3 * 60)).toBe('quá hạn 3 giờ');
    expect(remainingWorkingTimeWords(-0.2)).toBe('quá hạn 1 phút');
    expect(remainingWorkingTimeWords(0)).toBe('đến hạn');
  });

  describe('a step’s time on the Vietnamese working calendar', () => {
    const calendar = new WorkingCalendar();

    it('counts only office hours: Friday afternoon to Monday morning is a few working hours', () => {
      // given a step due Monday 6/10/2025 at 09:30, seen on Friday 3/10 at 15:00
      const step = { dueAt: vn('2025-10-06T09:30:00').toISOString(), clock: 'running' };

      // then 2 h of Friday afternoon + 2 h of Monday morning are left
      expect(stepTimeWords(calendar, vn('2025-10-03T15:00:00'), step)).toBe('còn 4 giờ làm việc');
    });

    it('skips the Tết holiday: a step due after it, seen before it', () => {
      // given Tết 2026 (off Mon 16/2 – Fri 20/2), a step due Tue 24/2 at 17:00, seen Fri 13/2 at 17:00
      const step = { dueAt: vn('2026-02-24T17:00:00').toISOString(), clock: 'running' };

      // then only Mon 23 and Tue 24 count
      expect(stepTimeWords(calendar, vn('2026-02-13T17:00:00'), step)).toBe('còn 2 ngày làm việc');
    });

    it('says how much working time a late step has exceeded', () => {
      const step = { dueAt: vn('2025-10-06T09:30:00').toISOString(), clock: 'running' };
      expect(stepTimeWords(calendar, vn('2025-10-07T11:30:00'), step)).toBe('quá hạn 1 ngày 2 giờ');
    });

    it('says when the clock is paused or there is no time limit', () => {
      expect(stepTimeWords(calendar, new Date(), { dueAt: null, clock: 'paused' })).toBe(
        'Đang tạm dừng tính thời gian',
      );
      expect(stepTimeWords(calendar, new Date(), { dueAt: null, clock: 'none' })).toBe('Không có thời hạn');
    });
  });
});
