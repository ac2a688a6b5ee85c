import { join } from 'node:path';
import { Scenario } from '../../testing';

const fixture = (name: string) => join(__dirname, `${name}.bpmn`);

describe('multi-instance user and service tasks', () => {
  it('parallel: one task per agency, each for its unit, outputs collected in order', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('multi-instance-parallel'));

    // when
    sc.start({ agencies: ['CA', 'THUE', 'XD'] });

    // then
    const units = [...sc.tasks.values()].map((t) => [t.unit, t.loop, t.locals?.['agency']]);
    expect(units).toEqual([
      ['CA', { index: 0, total: 3 }, 'CA'],
      ['THUE', { index: 1, total: 3 }, 'THUE'],
      ['XD', { index: 2, total: 3 }, 'XD'],
    ]);

    // when
    const byUnit = (u: string) => [...sc.tasks.values()].find((t) => t.unit === u)?.taskId as string;
    sc.run({ type: 'completeTask', taskId: byUnit('XD'), variables: { agree: false } });
    sc.run({ type: 'completeTask', taskId: byUnit('CA'), variables: { agree: true } });

    // then
    expect(sc.openTasks()).toEqual(['consult']);

    // when
    sc.run({ type: 'completeTask', taskId: byUnit('THUE'), variables: { agree: true } });

    // then
    expect(sc.openTasks()).toEqual(['decide']);
    expect(sc.variables['opinions']).toEqual([
      { agency: 'CA', agree: true },
      { agency: 'THUE', agree: true },
      { agency: 'XD', agree: false },
    ]);
    expect(sc.variables['agree']).toBeUndefined();
  });

  it('sequential: one agency after the other', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('multi-instance-sequential'));

    // when
    sc.start({ agencies: ['CA', 'THUE'] });

    // then
    expect([...sc.tasks.values()].map((t) => t.unit)).toEqual(['CA']);

    // when
    sc.complete('consult', { agree: true });

    // then
    expect([...sc.tasks.values()].map((t) => t.unit)).toEqual(['THUE']);

    // when
    sc.complete('consult', { agree: true });

    // then
    expect(sc.openTasks()).toEqual(['decide']);
  });

  it('a completion condition cancels the remaining instances', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('multi-instance-completion'));
    sc.start({ agencies: ['CA', 'THUE', 'XD'] });

    // when
    sc.complete('consult', { agree: true });
    sc.complete('consult', { agree: true });

    // then
    expect(sc.openTasks()).toEqual(['decide']);
    expect(sc.effects.filter((e) => e.type === 'taskEnded' && e.outcome === 'cancelled')).toHaveLength(1);
  });

  it('an empty collection skips the step', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('multi-instance-parallel'));

    // when
    sc.start({ agencies: [] });

    // then
    expect(sc.openTasks()).toEqual(['decide']);
    expect(sc.variables['opinions']).toEqual([]);
  });

  it('a collection that is not a list is refused with the reason', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('multi-instance-parallel'));

    // when / then
    expect(() => sc.start({ agencies: 'CA' })).toThrow(
      expect.objectContaining({ code: 'expression-failed', elementId: 'consult' }),
    );
  });

  it('each instance goes to the successor of a merged unit', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('multi-instance-parallel'));
    sc.resolveUnit = (code) => (code === 'THUE' ? 'THUE-KV1' : code);

    // when
    sc.start({ agencies: ['CA', 'THUE'] });

    // then
    expect([...sc.tasks.values()].map((t) => t.unit)).toEqual(['CA', 'THUE-KV1']);
  });

  it('a loop cardinality opens that many external tasks, numbered by loopCounter', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('multi-instance-cardinality'));

    // when
    sc.start({ copies: 2 });

    // then
    expect([...sc.tasks.values()].map((t) => [t.kind, t.topic, t.locals])).toEqual([
      ['external', 'notify-applicant', { loopCounter: 1 }],
      ['external', 'notify-applicant', { loopCounter: 2 }],
    ]);

    // when
    sc.complete('notify').complete('notify');

    // then
    expect(sc.status).toBe('completed');
  });

  it('a loop cardinality that is not a whole number is refused', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('multi-instance-cardinality'));

    // when / then
    expect(() => sc.start({ copies: 1.5 })).toThrow(
      expect.objectContaining({ code: 'expression-failed', elementId: 'notify' }),
    );
  });
});
