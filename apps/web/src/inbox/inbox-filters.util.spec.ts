import {
  dueRange,
  emptyText,
  filtersFromParams,
  rangeDays,
  sameFilters,
  vietnamDay,
  withFilters,
} from './inbox-filters.util';

describe('inbox filters in the URL', () => {
  it('reads the known, valid, non-empty parameters only', () => {
    const params = new URLSearchParams(
      'q=+nguyen+&deadlineStatus=late&definitionVersion=2&assignee=me&buoc=x&dueFrom=never&colour=red',
    );
    expect(filtersFromParams(params)).toEqual({ q: 'nguyen', assignee: 'me' });
    expect(
      filtersFromParams(
        new URLSearchParams('definitionKey=tach-thua&definitionVersion=2&deadlineStatus=overdue'),
      ),
    ).toEqual({ definitionKey: 'tach-thua', definitionVersion: '2', deadlineStatus: 'overdue' });
  });

  it('replaces the filters and keeps the other parameters (the open step)', () => {
    const next = withFilters(new URLSearchParams('buoc=abc&q=old&assignee=me'), {
      q: 'new',
      deadlineStatus: 'overdue',
    });
    expect(next.toString()).toBe('buoc=abc&deadlineStatus=overdue&q=new');
  });

  it('compares filters, an empty value being no filter', () => {
    expect(sameFilters({ q: 'a', assignee: undefined }, { q: 'a' })).toBe(true);
    expect(sameFilters({ q: 'a' }, { q: 'a', assignee: 'me' })).toBe(false);
  });
});

describe('due range in Vietnam days', () => {
  it('runs from the first day 00:00 to the day after the last, Vietnam time (UTC+7)', () => {
    expect(dueRange('2026-12-01', '2026-12-03')).toEqual({
      dueFrom: '2026-11-30T17:00:00.000Z',
      dueTo: '2026-12-03T17:00:00.000Z',
    });
    expect(rangeDays(dueRange('2026-12-01', '2026-12-03'))).toEqual(['2026-12-01', '2026-12-03']);
    expect(rangeDays({})).toEqual([null, null]);
  });

  it('gives the Vietnam day of an instant', () => {
    expect(vietnamDay('2026-12-02T17:30:00.000Z')).toBe('2026-12-03');
    expect(vietnamDay('2026-12-02T16:59:59.000Z')).toBe('2026-12-02');
  });
});

describe('empty list text', () => {
  it.each([
    [{}, 'Không có việc nào đang chờ'],
    [{ deadlineStatus: 'overdue' }, 'Không có bước nào quá hạn'],
    [{ deadlineStatus: 'due_soon' }, 'Không có bước nào sắp đến hạn'],
    [{ q: 'nguyen van an', deadlineStatus: 'overdue' }, 'Không tìm thấy bước nào khớp với “nguyen van an”'],
    [{ assignee: 'me' }, 'Bạn chưa nhận xử lý bước nào'],
    [{ assignee: 'unassigned' }, 'Không có bước nào đang chờ nhận'],
    [{ assignee: 'me', deadlineStatus: 'overdue' }, 'Không có bước nào khớp với bộ lọc'],
    [{ definitionKey: 'tach-thua' }, 'Không có bước nào khớp với bộ lọc'],
  ])('for %j: %s', (filters, text) => {
    expect(emptyText(filters)).toBe(text);
  });
});
