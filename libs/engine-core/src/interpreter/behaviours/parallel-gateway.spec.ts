import { join } from 'node:path';
import { Scenario } from '../../testing';

describe('parallel gateway', () => {
  it('forks into all branches and joins when every branch arrived', async () => {
    // given
    const sc = await Scenario.fromFile(join(__dirname, 'parallel-gateway.bpmn'));

    // when
    sc.start();

    // then
    expect(sc.openTasks()).toEqual(['cert', 'tax']);

    // when
    sc.complete('tax');

    // then
    expect(sc.openTasks()).toEqual(['cert']);

    // when
    sc.complete('cert');

    // then
    expect(sc.openTasks()).toEqual(['sign']);
    expect(Object.keys(sc.state?.tokens ?? {})).toHaveLength(1);

    // when
    sc.complete('sign');

    // then
    expect(sc.status).toBe('completed');
  });
});
