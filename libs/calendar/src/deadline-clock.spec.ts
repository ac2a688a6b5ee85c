import {
  classifyOutcome,
  deadlineStatus,
  dueSoonThreshold,
  pauseClock,
  reallotClock,
  recomputeClock,
  recomputeClockIfMoved,
  remainingMinutes,
  restartClock,
  resumeClock,
  startClock,
} from './deadline-clock';
import { WorkingCalendar } from './working-calendar';

const vn = (local: string) => new Date(`${local}+07:00`);
const iso = (local: string) => vn(local).toISOString();
const calendar = new WorkingCalendar();
const DAY = 480;

describe('deadline clock', () => {
  it('gives the due instant and the due-soon instant in working time, across Tết 2026', () => {
    // given a dossier received on Thursday 12/2/2026 at 10:00 with 3 working days
    const clock = startClock(calendar, vn('2026-02-12T10:00:00'), 3 * DAY);

    // then Fri 13/2 counts, Tết is off from Sat 14/2 to Sun 22/2, Mon 23 and Tue 24 count
    expect(clock.countingFrom).toBe(iso('2026-02-12T10:00:00'));
    expect(clock.dueAt).toBe(iso('2026-02-24T10:00:00'));
    // due soon: 20% of 3 days (4.8 working hours) before the due instant
    expect(clock.dueSoonAt).toBe(iso('2026-02-23T14:42:00'));
    expect(clock.calendarVersion).toBe(calendar.version);
  });

  it('pauses and resumes with exactly the working time that was left', () => {
    // given 2 working days from Monday 2/3/2026 08:00
    const start = startClock(calendar, vn('2026-03-02T08:00:00'), 2 * DAY);
    expect(start.dueAt).toBe(iso('2026-03-04T08:00:00'));

    // when paused on Monday at 14:00 (4.5 working hours used) and resumed on Friday at 16:00
    const paused = pauseClock(calendar, start, vn('2026-03-02T14:00:00'));
    expect(paused.base).toBeNull();
    expect(paused.remaining).toBe(2 * DAY - 270);
    expect(remainingMinutes(calendar, paused, vn('2026-03-06T09:00:00'))).toBe(690);
    const resumed = resumeClock(calendar, paused, vn('2026-03-06T16:00:00'));

    // then 11.5 working hours remain from Friday 16:00: 1 h on Friday, 8 h Monday, 2.5 h Tuesday
    expect(resumed.dueAt).toBe(iso('2026-03-10T10:00:00'));
    expect(resumeClock(calendar, resumed, vn('2026-03-09T08:00:00'))).toBe(resumed);
  });

  it('a resume on a weekend counts from the next working morning', () => {
    const paused = pauseClock(
      calendar,
      startClock(calendar, vn('2026-03-02T08:00:00'), DAY),
      vn('2026-03-02T09:00:00'),
    );
    const resumed = resumeClock(calendar, paused, vn('2026-03-07T10:00:00'));
    expect(resumed.base).toBe(iso('2026-03-09T07:30:00'));
    // 7 working hours were left: 4 in the morning, 3 in the afternoon
    expect(resumed.dueAt).toBe(iso('2026-03-09T16:00:00'));
  });

  it('restarts the whole allotted time from zero', () => {
    const clock = startClock(calendar, vn('2026-03-02T08:00:00'), 3 * DAY);
    const restarted = restartClock(calendar, clock, vn('2026-03-04T10:00:00'));
    expect(restarted.countingFrom).toBe(iso('2026-03-04T10:00:00'));
    expect(restarted.dueAt).toBe(iso('2026-03-09T10:00:00'));
  });

  it('gives a running clock another allotted time, keeping its start and the time used', () => {
    // given 3 working days from Mon 2/3/2026 08:00, one day used by Tue 08:00
    const clock = startClock(calendar, vn('2026-03-02T08:00:00'), 3 * DAY);
    // when the new version allots 5 days
    const longer = reallotClock(calendar, clock, 5 * DAY);
    // then it is due 2 working days later, counted from the same start
    expect(longer.countingFrom).toBe(clock.countingFrom);
    expect(longer.dueAt).toBe(iso('2026-03-09T08:00:00'));
    expect(reallotClock(calendar, clock, 2 * DAY).dueAt).toBe(iso('2026-03-04T08:00:00'));
  });

  it('recomputes the due instant with another calendar, keeping the working time left', () => {
    const clock = startClock(calendar, vn('2026-03-02T08:00:00'), 3 * DAY);
    const saturdays = new WorkingCalendar({ weeklyPattern: { sat: [{ from: '07:30', to: '11:30' }] } });
    const recomputed = recomputeClock(saturdays, clock);
    expect(recomputed.dueAt).toBe(iso('2026-03-05T08:00:00'));
    expect(recomputed.calendarVersion).toBe(saturdays.version);
    const longer = startClock(calendar, vn('2026-03-05T08:00:00'), 2 * DAY);
    expect(longer.dueAt).toBe(iso('2026-03-09T08:00:00'));
    // with Saturday mornings worked, the second day ends on Saturday 7/3
    expect(recomputeClock(saturdays, longer).dueAt).toBe(iso('2026-03-07T08:00:00'));
  });

  it('recomputes only a clock whose instants move (a paused one never does)', () => {
    const saturdays = new WorkingCalendar({ weeklyPattern: { sat: [{ from: '07:30', to: '11:30' }] } });
    const unmoved = startClock(calendar, vn('2026-03-02T08:00:00'), 3 * DAY);
    expect(recomputeClockIfMoved(saturdays, unmoved)).toBeNull();
    const moved = startClock(calendar, vn('2026-03-05T08:00:00'), 2 * DAY);
    expect(recomputeClockIfMoved(saturdays, moved)).toEqual(recomputeClock(saturdays, moved));
    const paused = pauseClock(calendar, moved, vn('2026-03-05T10:00:00'));
    expect(recomputeClockIfMoved(saturdays, paused)).toBeNull();
  });

  it('tells on track, due soon and overdue', () => {
    const clock = startClock(calendar, vn('2026-03-02T08:00:00'), 2 * DAY);
    expect(deadlineStatus(clock, vn('2026-03-02T09:00:00'))).toBe('on_track');
    expect(deadlineStatus(clock, vn('2026-03-03T14:17:00'))).toBe('on_track');
    expect(deadlineStatus(clock, vn('2026-03-03T14:18:00'))).toBe('due_soon');
    expect(deadlineStatus(clock, vn('2026-03-04T08:01:00'))).toBe('overdue');
    expect(dueSoonThreshold(240)).toBe(48);
    expect(dueSoonThreshold(12 * DAY)).toBe(DAY);
  });

  it('classifies early, on time and late by Vietnam calendar day', () => {
    const due = vn('2026-03-04T16:00:00');
    expect(classifyOutcome(due, vn('2026-03-03T16:59:00'))).toBe('early');
    expect(classifyOutcome(due, vn('2026-03-04T07:40:00'))).toBe('on_time');
    expect(classifyOutcome(due, vn('2026-03-04T16:00:00'))).toBe('on_time');
    expect(classifyOutcome(due, vn('2026-03-04T16:01:00'))).toBe('late');
  });
});
