import { MINUTES_PER_WORKING_DAY, MINUTES_PER_WORKING_HOUR, type WorkingCalendar } from '@lienthong/calendar';

/** Working minutes in words: `2 ngày`, `1 ngày 4 giờ`, `3 giờ 15 phút`, `20 phút` (1 day = 8 working hours). */
export function workingDurationWords(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  const days = Math.floor(whole / MINUTES_PER_WORKING_DAY);
  const hours = Math.floor((whole % MINUTES_PER_WORKING_DAY) / MINUTES_PER_WORKING_HOUR);
  const rest = whole % MINUTES_PER_WORKING_HOUR;
  if (days > 0) return hours > 0 ? `${days} ngày ${hours} giờ` : `${days} ngày`;
  if (hours > 0) return rest > 0 ? `${hours} giờ ${rest} phút` : `${hours} giờ`;
  return `${rest} phút`;
}

/**
 * The working time left before a due instant, or past it, in words: "còn 2 ngày làm việc",
 * "còn 3 giờ làm việc", "quá hạn 1 ngày 2 giờ". Time left is rounded down and time exceeded up,
 * so neither is ever understated to the officer's advantage.
 */
export function remainingWorkingTimeWords(workingMinutes: number): string {
  if (workingMinutes > 0) {
    const left = Math.floor(workingMinutes);
    return left < 1 ? 'còn dưới 1 phút làm việc' : `còn ${workingDurationWords(left)} làm việc`;
  }
  if (workingMinutes === 0) return 'đến hạn';
  return `quá hạn ${workingDurationWords(Math.ceil(-workingMinutes))}`;
}

/** What the inbox shows for a step's time: words for a due instant, or why there is none. */
export function stepTimeWords(
  calendar: WorkingCalendar,
  now: Date,
  step: { readonly dueAt: string | null; readonly clock: string },
): string {
  if (step.clock === 'paused') return 'Đang tạm dừng tính thời gian';
  if (step.dueAt === null) return 'Không có thời hạn';
  return remainingWorkingTimeWords(calendar.workingMinutesBetween(now, new Date(step.dueAt)));
}
