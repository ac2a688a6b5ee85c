import { iso, SqlFilter } from './sql-filter.util';

describe('SqlFilter', () => {
  it('numbers parameters in order and skips absent values', () => {
    const f = new SqlFilter()
      .addIf('active', 'd.status = ?')
      .addIf(undefined, 'd.unit = ?')
      .add('(d.created_at, d.id) < (?, ?)', 't', 'i');
    expect(f.where).toBe('WHERE d.status = $1 AND (d.created_at, d.id) < ($2, $3)');
    expect(f.params).toEqual(['active', 't', 'i']);
    expect(`LIMIT ${f.param(51)}`).toBe('LIMIT $4');
  });

  it('gives an empty clause without conditions', () => {
    expect(new SqlFilter().where).toBe('');
  });
});

describe('iso', () => {
  it('formats timestamps and keeps null', () => {
    expect(iso(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z');
    expect(iso(null)).toBeNull();
  });
});
