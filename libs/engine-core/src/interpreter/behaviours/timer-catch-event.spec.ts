import { join } from 'node:path';
import { Scenario } from '../../testing';

const fixture = (name: string) => join(__dirname, `${name}.bpmn`);

describe('intermediate timer catch event', () => {
  it('waits for an ISO 8601 duration', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('timer-catch-duration'));

    // when
    sc.start();

    // then
    expect([...sc.jobs.values()]).toEqual([{ dueAt: '2026-03-03T13:00:00.000Z', nodeId: 'wait' }]);

    // when
    sc.fireNextJob();

    // then
    expect(sc.openTasks()).toEqual(['a']);
  });

  it('waits until an ISO 8601 date', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('timer-catch-date'));

    // when
    sc.start();

    // then
    expect([...sc.jobs.values()][0]?.dueAt).toBe('2026-07-01T01:00:00.000Z');

    // when
    sc.fireNextJob();

    // then
    expect(sc.status).toBe('completed');
  });

  it('takes its duration from a FEEL expression', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('timer-catch-expression'));

    // when
    sc.start({ waitFor: 'P2D' });

    // then
    expect([...sc.jobs.values()]).toEqual([{ dueAt: '2026-03-04T01:00:00.000Z', nodeId: 'wait' }]);
  });

  it('refuses an expression that gives no valid duration', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('timer-catch-expression'));

    // when / then
    expect(() => sc.start({ waitFor: 'two days' })).toThrow(
      expect.objectContaining({ code: 'expression-failed', elementId: 'wait' }),
    );
    expect(() => sc.start({ waitFor: 2 })).toThrow(expect.objectContaining({ code: 'expression-failed' }));
  });

  it('cancels its job when the dossier is cancelled', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('timer-catch-duration'));
    sc.start();

    // when
    sc.run({ type: 'cancel' });

    // then
    expect(sc.jobs.size).toBe(0);
    expect(sc.status).toBe('cancelled');
  });
});
