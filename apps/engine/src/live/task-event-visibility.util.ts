import type { Principal } from '../identity/principal';

/** What decides who sees a step's event. */
export interface TaskEventFacts {
  unit: string;
  candidate_role: string | null;
  assignee: string | null;
}

/**
 * Whether the person's stream carries the event: the inbox's rule (identity/visibility.repository.ts,
 * user tasks) on the step as the event left it. A leader sees every step of the unit; an officer
 * those of their roles (no role: officers and leaders) and those assigned to them.
 */
export function seesTaskEvent(principal: Principal, event: TaskEventFacts): boolean {
  if (event.unit !== principal.unit) return false;
  if (principal.roles.includes('leader')) return true;
  if (event.assignee !== null && event.assignee === principal.name) return true;
  return event.candidate_role === null
    ? principal.roles.includes('officer')
    : principal.roles.some((r) => r === event.candidate_role);
}
