import { DOSSIER_CODE, dailyNumberSql } from './daily-number.util';

describe('the number part of a code from a daily counter', () => {
  it('pads to four digits and keeps every digit past 9,999 (lpad alone would cut 10000 to 1000)', () => {
    expect(dailyNumberSql('seq.last_value')).toBe(
      "lpad((seq.last_value)::text, greatest(4, length((seq.last_value)::text)), '0')",
    );
  });

  it('recognises dossier codes of four digits and more, and nothing else', () => {
    expect(DOSSIER_CODE.test('000.00.02.H20-261203-0001')).toBe(true);
    expect(DOSSIER_CODE.test('000.00.02.H20-261203-10000')).toBe(true);
    expect(DOSSIER_CODE.test('000.00.02.H20-261203-001')).toBe(false);
    expect(DOSSIER_CODE.test('000.00.02.H20-261203-0001; DROP')).toBe(false);
    expect(DOSSIER_CODE.test('H20-2612-0001')).toBe(false);
  });
});
