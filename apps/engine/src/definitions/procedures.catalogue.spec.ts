import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { proceduresOf } from './procedures.catalogue';

describe('proceduresOf', () => {
  it('lists every procedure of the shipped catalogue with its code, name and key', () => {
    const catalogue = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', '..', 'processes', 'catalogue.json'), 'utf8'),
    ) as Array<{ key: string; code: string }>;
    const procedures = proceduresOf(catalogue);
    expect(procedures).toHaveLength(catalogue.length);
    expect(procedures).toContainEqual({
      key: 'tach-thua-dat',
      code: '1.012784',
      name: 'Tách thửa hoặc hợp thửa đất',
      field: 'Đất đai',
    });
  });

  it('leaves out entries without a key or a code and sorts by code', () => {
    expect(
      proceduresOf([
        { key: 'b', code: '2.0', name: 'B' },
        { key: 'x', name: 'no code' },
        { code: '9', name: 'no key' },
        { key: 'a', code: '1.0' },
      ]),
    ).toEqual([
      { key: 'a', code: '1.0', name: 'a', field: null },
      { key: 'b', code: '2.0', name: 'B', field: null },
    ]);
    expect(proceduresOf({})).toEqual([]);
  });
});
