import { formatMonth, formatRate } from './rate.util';

describe('formatRate and formatMonth', () => {
  it('writes a rate as a Vietnamese percentage, and none as a dash', () => {
    expect(formatRate(0.9234)).toBe('92,3%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('—');
  });

  it('writes a month as MM/YYYY', () => {
    expect(formatMonth('2026-03')).toBe('03/2026');
  });
});
