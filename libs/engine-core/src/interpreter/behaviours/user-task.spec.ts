import { join } from 'node:path';
import { EngineError } from '../../model';
import { Scenario } from '../../testing';
import { step } from '..';

const fixture = (name: string) => join(__dirname, `${name}.bpmn`);

describe('user task (with none start and none end events)', () => {
  it('runs a dossier from start to end, task by task', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('user-task'));

    // when
    sc.start({ applicant: 'Nguyễn Văn A' });

    // then
    expect(sc.openTasks()).toEqual(['a']);
    expect(sc.task('a')).toMatchObject({ kind: 'user', unit: 'U1', name: 'a' });

    // when
    sc.complete('a', { checked: true });

    // then
    expect(sc.openTasks()).toEqual(['b']);

    // when
    sc.complete('b');

    // then
    expect(sc.status).toBe('completed');
    expect(sc.state?.result).toEqual({ endEventId: 'e' });
    expect(sc.variables).toEqual({ applicant: 'Nguyễn Văn A', checked: true });
    expect(sc.effects.at(-1)).toMatchObject({
      type: 'instanceEnded',
      status: 'completed',
      endEventId: 'e',
    });
  });

  it('never mutates the state it is given', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('user-task'));
    sc.start();
    const before = JSON.stringify(sc.state);

    // when
    step(
      sc.graph,
      sc.state,
      { type: 'completeTask', taskId: sc.task('a').taskId },
      { now: sc.now, newId: () => 'x' },
    );

    // then
    expect(JSON.stringify(sc.state)).toBe(before);
  });

  it('is stopped with a reason and its basis: the open task is cancelled and the instance ends stopped', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('user-task'));
    sc.start();

    // when
    sc.run({
      type: 'stop',
      reason: 'Không bổ sung hồ sơ trong 15 ngày làm việc',
      basis: 'Nghị định 297/2025',
    });

    // then
    expect(sc.status).toBe('stopped');
    expect(sc.openTasks()).toEqual([]);
    expect(sc.state?.tokens).toEqual({});
    expect(sc.state?.result).toEqual({
      reason: 'Không bổ sung hồ sơ trong 15 ngày làm việc',
      basis: 'Nghị định 297/2025',
    });
    expect(sc.effects).toContainEqual(expect.objectContaining({ type: 'taskEnded', outcome: 'cancelled' }));
    expect(sc.effects.at(-1)).toMatchObject({ type: 'instanceEnded', status: 'stopped' });
    expect(() => sc.run({ type: 'stop', reason: 'lần hai' })).toThrow(/stopped/);
  });

  it('refuses to complete a task that is not active, and commands on a finished instance', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('user-task'));
    sc.start();

    // when / then
    expect(() => sc.run({ type: 'completeTask', taskId: 'nope' })).toThrow(
      expect.objectContaining({ code: 'task-not-active' }),
    );

    // given
    sc.complete('a').complete('b');

    // when / then
    expect(() => sc.run({ type: 'cancel' })).toThrow(EngineError);
    expect(() => sc.run({ type: 'cancel' })).toThrow(/completed/);
  });

  it('refuses variables that are not a JSON object', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('user-task'));

    // when / then
    expect(() => sc.run({ type: 'start', variables: [1, 2] as never })).toThrow(
      expect.objectContaining({ code: 'invalid-variables' }),
    );
  });

  it('refuses a second start', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('user-task'));
    sc.start();

    // when / then
    expect(() => sc.start()).toThrow(expect.objectContaining({ code: 'already-started' }));
  });

  it('gives the task to the successor of a merged unit, in the effect and in the waiting token', async () => {
    // given the context resolves U1 (merged) to U9
    const sc = await Scenario.fromFile(fixture('user-task'));
    sc.resolveUnit = (code) => (code === 'U1' ? 'U9' : code);

    // when
    sc.start();

    // then
    const task = sc.task('a');
    expect(task.unit).toBe('U9');
    expect(sc.state?.tokens[task.tokenId]?.wait).toEqual({
      kind: 'task',
      taskId: task.taskId,
      taskKind: 'user',
      unit: 'U9',
    });
  });

  it('takes its unit from a FEEL expression, resolved like a literal one', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('user-task-unit-expression'));
    sc.resolveUnit = (code) => (code === 'XA-CU' ? 'XA-MOI' : code);

    // when
    sc.start({ assignedUnit: 'XA-CU' });

    // then
    expect(sc.task('a').unit).toBe('XA-MOI');
  });

  it('refuses a unit expression that gives no unit code', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('user-task-unit-expression'));

    // when / then
    expect(() => sc.start({ assignedUnit: '' })).toThrow(
      expect.objectContaining({ code: 'expression-failed', elementId: 'a' }),
    );
  });
});
