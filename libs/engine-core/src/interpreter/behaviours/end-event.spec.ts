import { join } from 'node:path';
import { Scenario } from '../../testing';

const fixture = (name: string) => join(__dirname, `${name}.bpmn`);

describe('terminate and error end events', () => {
  it('a terminate end event ends every other branch', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('end-event-terminate'));
    sc.start();
    expect(sc.openTasks()).toEqual(['a', 'b']);

    // when
    sc.complete('a');

    // then
    expect(sc.status).toBe('completed');
    expect(sc.state?.result).toEqual({ endEventId: 'stop', terminated: true });
    expect(sc.openTasks()).toEqual([]);
    expect(sc.effects).toContainEqual({
      type: 'taskEnded',
      taskId: expect.any(String),
      outcome: 'cancelled',
    });
  });

  it('an uncaught error end event at process level ends the dossier with its error code', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('end-event-error'));

    // when
    sc.start();

    // then
    expect(sc.status).toBe('completed');
    expect(sc.state?.result).toEqual({ endEventId: 'refused', errorCode: 'NOT_ELIGIBLE' });
  });

  it('an error end event in a sub-process is caught by the error boundary event of the sub-process', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('end-event-error-in-sub-process'));
    sc.start();

    // when
    sc.complete('verify', { eligible: false });

    // then
    expect(sc.openTasks()).toEqual(['notify']);
    expect(sc.history('error.thrown')).toEqual(['refused']);
    expect(sc.state?.scopes).toEqual({});
  });

  it('a none end event in a sub-process completes it and the dossier moves on', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('end-event-error-in-sub-process'));
    sc.start();

    // when
    sc.complete('verify', { eligible: true });

    // then
    expect(sc.openTasks()).toEqual(['issue']);
    expect(sc.history('error.thrown')).toEqual([]);
  });
});
