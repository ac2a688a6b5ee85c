import { formatVietnamDateTime } from './date.util';

describe('formatVietnamDateTime', () => {
  it('shows an instant in Vietnam time as dd/MM/yyyy HH:mm', () => {
    expect(formatVietnamDateTime('2025-10-06T02:30:00.000Z')).toBe('06/10/2025 09:30');
    // past midnight in Vietnam while still the previous day in UTC
    expect(formatVietnamDateTime(new Date('2025-12-31T17:05:00Z'))).toBe('01/01/2026 00:05');
  });

  it('shows a dash for no instant or an unreadable one', () => {
    expect(formatVietnamDateTime(null)).toBe('—');
    expect(formatVietnamDateTime('not a date')).toBe('—');
  });
});
