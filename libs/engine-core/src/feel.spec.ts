import fc from 'fast-check';
import { evaluate } from 'feelin';
import { clearFeelCache, evaluateFeel } from './feel';
import type { Variables } from './model';

jest.mock('feelin', () => {
  const actual = jest.requireActual<typeof import('feelin')>('feelin');
  return { ...actual, evaluate: jest.fn(actual.evaluate) };
});
const evaluated = evaluate as jest.MockedFunction<typeof evaluate>;

/** What feelin itself answers, for comparison. */
function direct(expression: string, context: Variables): unknown {
  return evaluate(expression, context).value;
}

describe('evaluateFeel', () => {
  beforeEach(() => clearFeelCache());

  it('answers what feelin answers, for any variables, however often an expression recurs', () => {
    const expressions = [
      'result = "eligible"',
      'result != "eligible" and area > 100',
      'area >= 100 or hasObligation',
      'parcel.area > 50',
      'parcel.owner = result',
      'if hasObligation then area * 2 else area',
      'some x in items satisfies x > area',
      'items[item > 1]',
      'count(items) > 1',
      'missing = null',
      'area + ',
    ];
    const scalar = fc.oneof(
      fc.constantFrom('eligible', 'not_eligible', 'missing_papers'),
      fc.integer({ min: -5, max: 300 }),
      fc.boolean(),
      fc.constant(null),
    );
    const context = fc.record(
      {
        result: scalar,
        area: scalar,
        hasObligation: scalar,
        parcel: fc.record({ area: scalar, owner: scalar }),
        items: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...expressions), context), { maxLength: 40 }),
        (calls) => {
          for (const [expression, variables] of calls) {
            let expected: unknown;
            let expectedError: unknown;
            try {
              expected = direct(expression, variables as Variables);
            } catch (error) {
              expectedError = error;
            }
            if (expectedError) {
              expect(() => evaluateFeel(expression, variables as Variables)).toThrow();
            } else {
              expect(evaluateFeel(expression, variables as Variables)).toEqual(expected);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('evaluates expressions that call functions every time (now() is not kept)', () => {
    jest.useFakeTimers({ now: new Date('2026-01-05T03:00:00Z') });
    evaluated.mockClear();
    try {
      expect(evaluateFeel('string(today())', {})).toBe('2026-01-05');
      jest.setSystemTime(new Date('2026-01-06T03:00:00Z'));
      expect(evaluateFeel('string(today())', {})).toBe('2026-01-06');
      expect(evaluated).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('evaluates every time when the variables it names are large (the kept results stay small)', () => {
    evaluated.mockClear();
    const items = Array.from({ length: 400 }, (_, i) => i);
    expect(evaluateFeel('items[2] >= 1', { items })).toBe(true);
    expect(evaluateFeel('items[2] >= 1', { items })).toBe(true);
    expect(evaluated).toHaveBeenCalledTimes(2);
  });

  it('evaluates every time while a variable has a name FEEL reads differently (spaces)', () => {
    expect(evaluateFeel('so to > 1', { 'so to': 2 })).toBe(true);
    expect(evaluateFeel('so to > 1', { 'so to': 0 })).toBe(false);
    expect(evaluateFeel('so to > 1', { 'so to': 5 })).toBe(true);
  });

  it('keeps results per value of the variables an expression reads', () => {
    evaluated.mockClear();
    expect(evaluateFeel('area > 100', { area: 120, other: 1 })).toBe(true);
    expect(evaluateFeel('area > 100', { area: 80, other: 1 })).toBe(false);
    // other variables do not matter: kept
    expect(evaluateFeel('area > 100', { area: 120, other: 2 })).toBe(true);
    expect(evaluateFeel('parcel.area > 100', { parcel: { area: 150 } })).toBe(true);
    expect(evaluateFeel('parcel.area > 100', { parcel: { area: 50 } })).toBe(false);
    expect(evaluateFeel('parcel.area > 100', { parcel: { area: 150 } })).toBe(true);
    expect(evaluated).toHaveBeenCalledTimes(4);
  });
});
