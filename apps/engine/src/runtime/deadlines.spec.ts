import { WorkingCalendar, pauseClock, startClock } from '@lienthong/calendar';
import { recomputeDeadlines, recomputeDeadlinesInPlace, type DeadlineState } from './deadlines';

const vn = (local: string) => new Date(`${local}+07:00`);
const calendar = new WorkingCalendar();
const saturdays = new WorkingCalendar({ weeklyPattern: { sat: [{ from: '07:30', to: '11:30' }] } });

function state(): DeadlineState {
  const dossier = startClock(calendar, vn('2026-03-05T08:00:00'), 2 * 480);
  return {
    dossier,
    tasks: {
      early: startClock(calendar, vn('2026-03-05T08:00:00'), 60), // due Thursday: not moved
      late: startClock(calendar, vn('2026-03-05T08:00:00'), 480 + 60), // due Friday 9:00 -> Friday
      weekend: startClock(calendar, vn('2026-03-06T08:00:00'), 480), // due Monday -> Saturday
      paused: pauseClock(
        calendar,
        startClock(calendar, vn('2026-03-05T08:00:00'), 960),
        vn('2026-03-05T09:00:00'),
      ),
    },
    pausedBy: [],
    exempt: ['paused'],
  };
}

describe('recomputeDeadlinesInPlace', () => {
  it('gives what recomputeDeadlines gives, and says which clocks moved', () => {
    const before = state();
    const expected = recomputeDeadlines(before, saturdays);
    const inPlace = structuredClone(before);
    const moved = recomputeDeadlinesInPlace(inPlace, saturdays);
    expect(moved).toEqual({ dossier: true, tasks: ['weekend'] });
    expect(inPlace).toEqual(expected);
    expect(inPlace.tasks['paused']).toEqual({
      ...before.tasks['paused'],
      calendarVersion: saturdays.version,
    });
  });

  it('leaves a state none of whose instants move as it is', () => {
    const before = state();
    const same = structuredClone(before);
    expect(recomputeDeadlinesInPlace(same, calendar)).toBeNull();
    expect(same).toEqual(before);
  });
});
