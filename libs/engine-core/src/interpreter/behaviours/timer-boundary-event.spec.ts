import { join } from 'node:path';
import { Scenario } from '../../testing';

const reminder = join(__dirname, 'timer-boundary-event.bpmn');

describe('timer boundary event', () => {
  it('a non-interrupting cycle timer boundary repeats while the step is open', async () => {
    // given
    const sc = await Scenario.fromFile(reminder);
    sc.start();

    // when
    sc.fireNextJob();

    // then
    expect(sc.openTasks()).toEqual(['reminder', 'sign']);
    expect(sc.jobs.size).toBe(1);

    // when
    sc.fireNextJob();

    // then
    expect(sc.openTasks().filter((t) => t === 'reminder')).toHaveLength(2);
    expect(sc.jobs.size).toBe(0);
  });

  it('completing the step cancels its boundary timers', async () => {
    // given
    const sc = await Scenario.fromFile(reminder);
    sc.start();

    // when
    sc.complete('sign');

    // then
    expect(sc.jobs.size).toBe(0);
    expect(sc.status).toBe('completed');
  });

  it('a stale job is ignored', async () => {
    // given
    const sc = await Scenario.fromFile(reminder);
    sc.start();
    const before = JSON.stringify(sc.state);

    // when
    sc.run({ type: 'fireJob', jobId: 'gone' });

    // then
    expect(JSON.stringify(sc.state)).toBe(before);
  });
});
