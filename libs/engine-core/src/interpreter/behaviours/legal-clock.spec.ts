import { join } from 'node:path';
import { Scenario } from '../../testing';

const xml = join(__dirname, 'legal-clock.bpmn');
const clockEffects = (sc: Scenario) =>
  sc.effects.flatMap((e) => (e.type === 'clock' ? [`${e.action}@${e.nodeId}`] : []));

describe('legal clock rules (lt:clock) and working-time timers', () => {
  it('pauses while a pause step waits, resumes when it ends, restarts after a restart step', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.calendar = { addWorkingTime: (from) => from };

    // when
    sc.start().complete('check');

    // then
    expect(clockEffects(sc)).toEqual([]);

    // when
    sc.message('supplement-received');

    // then
    expect(clockEffects(sc)).toEqual(['restart@supplement', 'pause@pay']);

    // when
    sc.message('payment-confirmed');

    // then
    expect(clockEffects(sc)).toEqual(['restart@supplement', 'pause@pay', 'resume@pay']);
  });

  it('resumes the clock when a paused step is cancelled', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start().complete('check').message('supplement-received');

    // when
    sc.run({ type: 'cancel' });

    // then
    expect(clockEffects(sc).at(-1)).toBe('resume@pay');
  });

  it('counts a timer written in working time on the calendar it is given', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.calendar = { addWorkingTime: (from, minutes) => new Date(from.getTime() + minutes * 1000) };

    // when
    sc.start().complete('check').message('supplement-received').message('payment-confirmed');

    // then
    expect([...sc.jobs.values()]).toEqual([
      { dueAt: new Date(sc.now.getTime() + 720_000).toISOString(), nodeId: 'late' },
    ]);
  });

  it('refuses a working-time timer without a calendar', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start().complete('check').message('supplement-received');

    // when / then
    expect(() => sc.message('payment-confirmed')).toThrow(
      expect.objectContaining({ code: 'expression-failed' }),
    );
  });
});
