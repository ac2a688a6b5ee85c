import {
  DEFAULT_OFFICIAL_DECISIONS,
  InvalidCalendarConfigError,
  parseOfficialDecisions,
  type OfficialDecision,
} from '@lienthong/calendar';
import {
  breaksOf,
  canonicalJson,
  databaseDecisionsVersion,
  decisionFieldErrors,
  firstDateOf,
  isCalendarYear,
  parseCutoff,
  parseInstant,
  sameDecisions,
  sortDecisions,
} from './calendar.util';

function decision(overrides: Partial<OfficialDecision> & { id: string }): OfficialDecision {
  return {
    year: 2027,
    covers: [],
    name: 'Nghỉ',
    sources: [{ issuer: 'VPCP', number: '1/VPCP', date: '2026-10-01', title: 'T' }],
    ...overrides,
  };
}

function configError(input: unknown): InvalidCalendarConfigError {
  try {
    parseOfficialDecisions(input);
  } catch (error) {
    if (error instanceof InvalidCalendarConfigError) return error;
    throw error;
  }
  throw new Error('expected InvalidCalendarConfigError');
}

describe('parseInstant', () => {
  it.each([
    ['2026-02-13T09:00:00+07:00', '2026-02-13T02:00:00.000Z'],
    ['2026-02-13T02:00:00Z', '2026-02-13T02:00:00.000Z'],
    ['2026-02-13T02:00:00z', '2026-02-13T02:00:00.000Z'],
    ['2026-02-13T09:00+07:00', '2026-02-13T02:00:00.000Z'],
    ['2026-02-13T09:00:00.250+07:00', '2026-02-13T02:00:00.250Z'],
    ['2026-02-13T09:00:00.123456789-03:30', '2026-02-13T12:30:00.123Z'],
    ['2026-02-13T00:30:00+07:00', '2026-02-12T17:30:00.000Z'],
    // an unencoded + in a query string arrives as a space
    ['2026-02-13T09:00:00 07:00', '2026-02-13T02:00:00.000Z'],
    [' 2024-02-29T23:59:59Z ', '2024-02-29T23:59:59.000Z'],
  ])('%s is %s', (input, expected) => {
    expect(parseInstant(input)?.toISOString()).toBe(expected);
  });

  it.each([
    '',
    '2026-02-13',
    '2026-02-13T09:00:00', // no offset: ambiguous
    '2026-02-13 09:00:00+07:00',
    '2026-02-13T09:00:00+0700',
    '2026-02-13T09:00:00+07',
    '2026-02-30T09:00:00Z',
    '2025-02-29T09:00:00Z',
    '2026-13-01T09:00:00Z',
    '2026-02-13T24:00:00Z',
    '2026-02-13T09:60:00Z',
    '2026-02-13T09:00:60Z',
    '2026-02-13T09:00:00+24:00',
    '2026-02-13T09:00:00+07:60',
    '1771000000000',
    'Fri, 13 Feb 2026 02:00:00 GMT',
    '2026-02-13T09:00:00  07:00',
  ])('refuses %j', (input) => {
    expect(parseInstant(input)).toBeUndefined();
  });
});

describe('parseCutoff', () => {
  it.each(['none', 'last-office-hour', '15:00', '00:00', '23:59', ' 16:30 '])('accepts %j', (input) => {
    expect(parseCutoff(input)).toBe(input.trim());
  });

  it.each(['', '15', '15:0', '24:00', '15:60', '3pm', 'NONE', 'last-hour'])('refuses %j', (input) => {
    expect(parseCutoff(input)).toBeUndefined();
  });
});

describe('isCalendarYear and databaseDecisionsVersion', () => {
  it('accepts integer years 2000-2100 only', () => {
    expect([1999, 2000, 2026, 2100, 2101, 2026.5, Number.NaN].map(isCalendarYear)).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('names the database version after the last change', () => {
    expect(databaseDecisionsVersion(12n)).toBe('db-12');
  });
});

describe('decisionFieldErrors', () => {
  it('keeps a path into the submitted array', () => {
    const submitted = [decision({ id: 'a', daysOff: { from: '2027-02-31', to: '2027-03-01' } })];
    const error = configError({ version: 'x', decisions: submitted });
    expect(decisionFieldErrors(error, submitted)).toEqual([
      {
        path: 'decisions[0].daysOff.from',
        message: expect.stringContaining('expected a date as YYYY-MM-DD'),
      },
    ]);
  });

  it('maps a decision named by id to its index in the submitted array', () => {
    const submitted = [
      decision({ id: 'a', daysOff: { from: '2027-02-06', to: '2027-02-14' } }),
      decision({ id: 'b', workingDays: [{ date: '2027-02-13' }] }),
    ];
    const error = configError({ version: 'x', decisions: submitted });
    expect(decisionFieldErrors(error, submitted)).toEqual([
      { path: 'decisions[1]', message: 'decision b: 2027-02-13 is a working day here but a day off in a' },
    ]);
  });

  it('falls back to the array when the decision is not among those submitted', () => {
    const error = configError({ version: 'x', decisions: [decision({ id: 'a' }), decision({ id: 'a' })] });
    expect(decisionFieldErrors(error, [decision({ id: 'z' })])).toEqual([
      { path: 'decisions', message: 'decision a: duplicate id' },
    ]);
    expect(decisionFieldErrors(new InvalidCalendarConfigError('something else'), [])).toEqual([
      { path: 'decisions', message: 'something else' },
    ]);
  });
});

describe('ordering and comparing decisions', () => {
  const tet = decision({ id: '2027-tet', daysOff: { from: '2027-02-06', to: '2027-02-14' } });
  const swap = decision({ id: '2027-a-swap', workingDays: [{ date: '2027-05-08' }, { date: '2027-01-09' }] });
  const national = decision({
    id: '2027-national-day',
    covers: ['national-day'],
    nationalDayAdjacent: '2027-09-03',
  });
  const earlier = decision({ id: '2026-x', year: 2026, daysOff: { from: '2026-12-31', to: '2026-12-31' } });
  const bare = decision({ id: '2027-0-bare' });

  it('orders by year, first date, id', () => {
    expect(firstDateOf(swap)).toBe('2027-01-09');
    expect(firstDateOf(bare)).toBe('');
    expect(sortDecisions([national, tet, swap, earlier, bare]).map((d) => d.id)).toEqual([
      '2026-x',
      '2027-0-bare',
      '2027-a-swap',
      '2027-tet',
      '2027-national-day',
    ]);
  });

  it('compares sets whatever the order and the key order', () => {
    const reordered = JSON.parse(canonicalJson(tet)) as OfficialDecision;
    expect(sameDecisions([tet, swap], [swap, reordered])).toBe(true);
    expect(sameDecisions([tet], [tet, swap])).toBe(false);
    expect(sameDecisions([tet], [{ ...tet, unverified: true }])).toBe(false);
    expect(sameDecisions([], [])).toBe(true);
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });

  it('lists the breaks of a year', () => {
    expect(breaksOf(DEFAULT_OFFICIAL_DECISIONS.decisions, 2026)).toEqual([
      expect.objectContaining({ decisionId: '2026-new-year', from: '2026-01-01', to: '2026-01-04' }),
      expect.objectContaining({
        decisionId: '2026-tet',
        name: 'Nghỉ Tết Nguyên đán',
        from: '2026-02-14',
        to: '2026-02-22',
        source: '109/TB-UBND',
        unverified: false,
      }),
      expect.objectContaining({ decisionId: '2026-national-day', from: '2026-08-29', to: '2026-09-02' }),
    ]);
    expect(breaksOf([tet, swap], 2026)).toEqual([]);
  });
});
