import type { Principal } from '../identity/principal';
import type { Role } from '../identity/roles';
import { seesTaskEvent } from './task-event-visibility.util';

const person = (unit: string, roles: Role[], name = 'cv.vpdk'): Principal => ({
  kind: 'user',
  id: name,
  name,
  displayName: name,
  unit,
  roles,
});
const event = (candidate_role: string | null, assignee: string | null = null, unit = 'DTP-VPDK-CL') => ({
  unit,
  candidate_role,
  assignee,
});

describe('seesTaskEvent (the inbox rule on a step event)', () => {
  it("shows a leader every step of the unit, and nobody another unit's", () => {
    expect(seesTaskEvent(person('DTP-VPDK-CL', ['leader']), event('officer'))).toBe(true);
    expect(seesTaskEvent(person('DTP-VPDK-CL', ['leader']), event(null, null, 'DTP-THUE-1'))).toBe(false);
    expect(seesTaskEvent(person('DTP-THUE-1', ['officer'], 'cv.vpdk'), event(null, 'cv.vpdk'))).toBe(false);
  });

  it('shows an officer the steps of their roles, without a role, and assigned to them', () => {
    const officer = person('DTP-VPDK-CL', ['officer']);
    expect(seesTaskEvent(officer, event('officer'))).toBe(true);
    expect(seesTaskEvent(officer, event(null))).toBe(true);
    expect(seesTaskEvent(officer, event('leader'))).toBe(false);
    expect(seesTaskEvent(officer, event('leader', 'cv.vpdk'))).toBe(true);
    expect(seesTaskEvent(person('DTP-VPDK-CL', ['reception']), event(null))).toBe(false);
  });
});
