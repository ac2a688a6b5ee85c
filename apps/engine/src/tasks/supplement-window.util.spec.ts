import { WorkingCalendar } from '@lienthong/calendar';
import { ProblemException } from '../common/problem';
import {
  assertSupplementInTime,
  supplementCountedFrom,
  supplementRequestDeadline,
} from './supplement-window.util';

const calendar = new WorkingCalendar();
/** A Vietnam local time (UTC+7) as an instant. */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('supplementRequestDeadline', () => {
  it('is three working days of eight hours after receipt on a working morning', () => {
    // received Monday 09:00: Monday to Wednesday, then Thursday until 09:00
    expect(supplementRequestDeadline(calendar, vn('2026-12-07T09:00'), 3)).toEqual(vn('2026-12-10T09:00'));
  });

  it('skips the weekend and the New Year holiday', () => {
    // Friday 15:00 → 2 h on Friday, Monday, Tuesday, then 6 h of Wednesday
    expect(supplementRequestDeadline(calendar, vn('2026-12-11T15:00'), 3)).toEqual(vn('2026-12-16T15:00'));
    // Thursday 31 December 09:00 → 6.5 h that day, Friday 1 January off, Monday, Tuesday, 1.5 h of Wednesday
    expect(supplementRequestDeadline(calendar, vn('2026-12-31T09:00'), 3)).toEqual(vn('2027-01-06T09:00'));
  });

  it('follows the setting: five days in a province that allows them', () => {
    expect(supplementRequestDeadline(calendar, vn('2026-12-07T09:00'), 5)).toEqual(vn('2026-12-14T09:00'));
  });
});

describe('supplementCountedFrom', () => {
  it('counts from the receipt, or from the last supplement’s arrival once there was one', () => {
    const received = vn('2026-12-07T09:00');
    expect(supplementCountedFrom(received, null)).toEqual(received);
    expect(supplementCountedFrom(received.toISOString(), undefined)).toEqual(received);
    expect(supplementCountedFrom(received, vn('2026-12-09T14:00').toISOString())).toEqual(
      vn('2026-12-09T14:00'),
    );
  });
});

describe('assertSupplementInTime', () => {
  const dossier = { code: 'H20-261207-0001', receivedAt: vn('2026-12-07T09:00') };

  it('lets the agency ask until the limit, that instant included', () => {
    expect(() => assertSupplementInTime(calendar, dossier, vn('2026-12-07T09:05'), 3)).not.toThrow();
    expect(() => assertSupplementInTime(calendar, dossier, vn('2026-12-10T09:00'), 3)).not.toThrow();
  });

  it('refuses afterwards: 422 supplement-too-late, with the limit', () => {
    let thrown: unknown;
    try {
      assertSupplementInTime(calendar, dossier, vn('2026-12-10T09:01'), 3);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ProblemException);
    const problem = thrown as ProblemException;
    expect(problem.getStatus()).toBe(422);
    expect(problem.getResponse()).toMatchObject({
      type: expect.stringMatching(/supplement-too-late$/),
      code: 'supplement-too-late',
      until: vn('2026-12-10T09:00').toISOString(),
      workingDays: 3,
      detail: expect.stringContaining('within 3 working days of receipt'),
    });
  });
});
