import type { TestApp } from './test-app';

/**
 * Declares Wednesday 4/3/2026 a day off (an added decision of the 2026 calendar) through the API, as the
 * office would: every open clock running across it is recomputed (DeadlineRecomputer).
 */
export async function makeWednesdayOff(t: TestApp, reason: string): Promise<void> {
  const current = await t.api.get<{ decisions: unknown[] }>('/calendar/decisions?year=2026');
  const put = await t.api.request('PUT', '/calendar/decisions/2026', {
    decisions: [
      ...current.body.decisions,
      {
        id: '2026-test-day-off',
        year: 2026,
        covers: [],
        name: 'Ngày nghỉ thử nghiệm',
        daysOff: { from: '2026-03-04', to: '2026-03-04' },
        sources: [
          { issuer: 'Kiểm thử', number: '1/TEST', date: '2026-03-01', title: 'Ngày nghỉ thử nghiệm' },
        ],
        unverified: true,
      },
    ],
    reason,
  });
  expect(put.status).toBe(200);
}
