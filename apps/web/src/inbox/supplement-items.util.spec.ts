import { supplementItems } from './supplement-items.util';

describe('supplementItems', () => {
  it('gives one item a line, trimmed, without list marks, blank lines or repeats', () => {
    // given
    const text = '- Bản sao sổ hộ khẩu\n\n  2. Sơ đồ thửa đất  \r\n• Bản sao sổ hộ khẩu\n*  CCCD';

    // when
    const items = supplementItems(text);

    // then
    expect(items).toEqual(['Bản sao sổ hộ khẩu', 'Sơ đồ thửa đất', 'CCCD']);
  });

  it('gives nothing for blank text', () => {
    expect(supplementItems('  \n \n')).toEqual([]);
  });
});
