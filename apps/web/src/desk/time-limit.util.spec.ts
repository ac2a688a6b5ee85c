import { workingTimeLimitWords } from './time-limit.util';

describe('a procedure’s legal time limit in words', () => {
  it('says working days and hours', () => {
    expect(workingTimeLimitWords('12d')).toBe('12 ngày làm việc');
    expect(workingTimeLimitWords('0.5d')).toBe('4 giờ làm việc');
    expect(workingTimeLimitWords('1d4h')).toBe('1 ngày 4 giờ làm việc');
  });

  it('says when there is none, and shows an unreadable one as it is', () => {
    expect(workingTimeLimitWords(null)).toBe('không quy định');
    expect(workingTimeLimitWords('')).toBe('không quy định');
    expect(workingTimeLimitWords('P3D')).toBe('P3D');
  });
});
