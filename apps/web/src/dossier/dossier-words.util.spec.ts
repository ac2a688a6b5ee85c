import { clockWords, valueWords } from './dossier-words.util';

describe('dossier view words', () => {
  const dossier = {
    status: 'active',
    deadline: { pausedAt: '2026-12-03T02:00:00.000Z', countingFrom: '2026-12-01T01:00:00.000Z' },
    restartedAt: null,
  };

  it('says how the legal clock stands, in Vietnam time', () => {
    expect(clockWords({ ...dossier, clock: 'running' })).toBe('Đang tính từ 01/12/2026 08:00');
    expect(clockWords({ ...dossier, clock: 'paused' })).toBe('Tạm dừng từ 03/12/2026 09:00');
    expect(clockWords({ ...dossier, clock: 'running', restartedAt: '2026-12-01T01:00:00.000Z' })).toBe(
      'Đang tính (tính lại từ 01/12/2026 08:00)',
    );
    expect(clockWords({ ...dossier, clock: 'none' })).toBe('Không tính thời hạn');
    expect(clockWords({ ...dossier, clock: 'running', status: 'completed' })).toBe(
      'Đã dừng (hồ sơ đã kết thúc)',
    );
  });

  it('shows values as an officer reads them', () => {
    expect(valueWords(true)).toBe('Có');
    expect(valueWords(250.5)).toBe('250,5');
    expect(valueWords('đủ điều kiện')).toBe('đủ điều kiện');
    expect(valueWords({ number: 12 })).toBe('{"number":12}');
    expect(valueWords(null)).toBe('—');
  });
});
