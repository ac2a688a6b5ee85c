import { join } from 'node:path';
import { Scenario } from '../../testing';

const fixture = (name: string) => join(__dirname, `${name}.bpmn`);

describe('exclusive gateway', () => {
  it.each([
    [{ result: 'not_eligible', missing: [] }, 'refuse'],
    [{ result: 'eligible', missing: ['sổ đỏ'] }, 'supplement'],
    [{ result: 'eligible', missing: [] }, 'approve'],
  ])('with %j takes the flow to %s (FEEL conditions, default flow)', async (variables, expected) => {
    // given
    const sc = await Scenario.fromFile(fixture('exclusive-gateway'));

    // when
    sc.start().complete('check', variables);

    // then
    expect(sc.openTasks()).toEqual([expected]);
  });

  it('takes only the first matching flow and records it', async () => {
    // given both conditions hold
    const sc = await Scenario.fromFile(fixture('exclusive-gateway'));

    // when
    sc.start().complete('check', { result: 'not_eligible', missing: ['sổ đỏ'] });

    // then
    expect(sc.openTasks()).toEqual(['refuse']);
    expect(
      sc.effects.flatMap((e) =>
        e.type === 'history' && e.event.type === 'flow.taken' ? [e.event.flowId] : [],
      ),
    ).toEqual(['fRefuse']);
  });

  it('refuses a completion when no condition matches and there is no default flow', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('exclusive-gateway-no-default'));
    sc.start();

    // when / then
    expect(() => sc.complete('check', { ok: false })).toThrow(
      expect.objectContaining({ code: 'no-outgoing-flow', elementId: 'gw' }),
    );
    expect(sc.openTasks()).toEqual(['check']);
  });

  it('a condition that gives no boolean does not match, so the default flow is taken', async () => {
    // given
    const sc = await Scenario.fromFile(fixture('exclusive-gateway'));
    sc.start();

    // when: no variable the conditions read is set (FEEL null)
    sc.complete('check', {});

    // then
    expect(sc.openTasks()).toEqual(['approve']);
  });
});
