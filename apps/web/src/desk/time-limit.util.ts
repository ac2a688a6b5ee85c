import { parseWorkingDuration } from '@lienthong/calendar';
import { workingDurationWords } from '../inbox/working-time-words.util';

/** A procedure's legal time limit in words: `12d` → `12 ngày làm việc`; none → `không quy định`. */
export function workingTimeLimitWords(limit: string | null | undefined): string {
  if (limit === null || limit === undefined || limit.trim() === '') return 'không quy định';
  try {
    return `${workingDurationWords(parseWorkingDuration(limit))} làm việc`;
  } catch {
    return limit;
  }
}
