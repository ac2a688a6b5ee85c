import { InvalidCalendarConfigError } from './calendar.errors';
import defaultDecisionsJson from './data/official-decisions.json';
import {
  DEFAULT_OFFICIAL_DECISIONS,
  parseOfficialDecisions,
  type OfficialDecisions,
} from './official-decisions';

const valid = (): OfficialDecisions => ({
  version: 'test.1',
  decisions: [
    {
      id: '2026-national-day',
      year: 2026,
      covers: ['national-day'],
      name: 'Nghỉ lễ Quốc khánh',
      nationalDayAdjacent: '2026-09-01',
      daysOff: { from: '2026-08-29', to: '2026-09-02' },
      workingDays: [{ date: '2026-08-22', replaces: '2026-08-31' }],
      sources: [{ issuer: 'UBND TP Cần Thơ', number: '109/TB-UBND', date: '2025-11-06', title: 'Thông báo' }],
    },
  ],
});

describe('the shipped official decisions', () => {
  it('are valid, versioned, and place Tết and the national day of 2024, 2025 and 2026', () => {
    // given / when
    const decisions = parseOfficialDecisions(defaultDecisionsJson);

    // then
    expect(decisions).toEqual(DEFAULT_OFFICIAL_DECISIONS);
    expect(decisions.version).toMatch(/^\d{4}\.\d+$/);
    const covered = decisions.decisions.flatMap((d) => d.covers.map((key) => `${d.year} ${key}`));
    for (const year of [2024, 2025, 2026]) {
      expect(covered).toContain(`${year} tet`);
      expect(covered).toContain(`${year} national-day`);
    }
  });

  it('cite a numbered, titled source for every decision and say whether it was verified', () => {
    // given / when
    const { decisions } = DEFAULT_OFFICIAL_DECISIONS;

    // then
    for (const decision of decisions) {
      expect(decision.sources.length).toBeGreaterThan(0);
      for (const source of decision.sources) {
        expect(source.number).toMatch(/^\d+\//);
        expect(source.title.length).toBeGreaterThan(10);
      }
      expect(typeof decision.unverified).toBe('boolean');
    }
  });
});

describe('parseOfficialDecisions', () => {
  it('accepts well-formed decisions and returns a copy', () => {
    // given
    const input = valid();

    // when
    const parsed = parseOfficialDecisions(input);

    // then
    expect(parsed).toEqual(input);
    expect(parsed).not.toBe(input);
  });

  it.each<[string, (d: OfficialDecisions) => unknown]>([
    ['no version', (d) => ({ ...d, version: '' })],
    ['an unknown field', (d) => ({ ...d, decisions: [{ ...d.decisions[0], extra: 1 }] })],
    [
      'an impossible date',
      (d) => ({
        ...d,
        decisions: [{ ...d.decisions[0], daysOff: { from: '2026-02-30', to: '2026-03-01' } }],
      }),
    ],
    [
      'a reversed range',
      (d) => ({
        ...d,
        decisions: [{ ...d.decisions[0], daysOff: { from: '2026-09-02', to: '2026-08-29' } }],
      }),
    ],
    ['an unknown holiday', (d) => ({ ...d, decisions: [{ ...d.decisions[0], covers: ['christmas'] }] })],
    ['a year out of range', (d) => ({ ...d, decisions: [{ ...d.decisions[0], year: 1999 }] })],
    ['no source', (d) => ({ ...d, decisions: [{ ...d.decisions[0], sources: [] }] })],
    [
      'an adjacent day that is not 1/9 or 3/9',
      (d) => ({ ...d, decisions: [{ ...d.decisions[0], nationalDayAdjacent: '2026-08-31' }] }),
    ],
    [
      'a duplicate id',
      (d) => ({ ...d, decisions: [d.decisions[0], { ...d.decisions[0], covers: [], workingDays: [] }] }),
    ],
    [
      'a holiday covered twice',
      (d) => ({ ...d, decisions: [d.decisions[0], { ...d.decisions[0], id: 'other', workingDays: [] }] }),
    ],
    [
      'a working day that is also a day off',
      (d) => ({ ...d, decisions: [{ ...d.decisions[0], workingDays: [{ date: '2026-08-31' }] }] }),
    ],
    ['not an object', () => 'decisions'],
  ])('rejects %s with InvalidCalendarConfigError', (_, mutate) => {
    // given
    const input = mutate(valid());

    // when / then
    expect(() => parseOfficialDecisions(input)).toThrow(InvalidCalendarConfigError);
  });
});
