import { join } from 'node:path';
import type { EngineError } from '../../model';
import { Scenario } from '../../testing';
import { sendBackTargets } from '..';

const fixture = join(__dirname, 'send-back.bpmn');

describe('sending a dossier back to an earlier step (sendBack)', () => {
  const sendBack = (sc: Scenario, from: string, to: string, reason = 'Thiếu chữ ký') =>
    sc.run({ type: 'sendBack', taskId: sc.task(from).taskId, targetNodeId: to, reason });

  it('cancels the open task and opens the earlier one again, with its allotted time and the reason in the history', async () => {
    // given
    const sc = await Scenario.fromFile(fixture);
    sc.start();
    sc.complete('a', { eligible: true });
    const signTask = sc.task('b').taskId;
    expect(sendBackTargets(sc.graph, sc.state!, signTask)).toEqual(['a']);

    // when
    sendBack(sc, 'b', 'a', 'Biên bản thẩm định chưa đủ chữ ký');

    // then
    expect(sc.openTasks()).toEqual(['a']);
    expect(sc.task('a')).toMatchObject({ allottedTime: '2d', unit: 'U1' });
    expect(sc.effects).toContainEqual({ type: 'taskEnded', taskId: signTask, outcome: 'cancelled' });
    expect(sc.effects).toContainEqual({
      type: 'history',
      event: expect.objectContaining({
        type: 'task.sentBack',
        nodeId: 'b',
        taskId: signTask,
        data: { targetNodeId: 'a', reason: 'Biên bản thẩm định chưa đủ chữ ký' },
      }),
    });
    expect(Object.keys(sc.state!.tokens)).toHaveLength(1);

    // when the step is done again, the dossier goes on as it did
    sc.complete('a', { eligible: true });

    // then
    expect(sc.openTasks()).toEqual(['b']);
  });

  it('moves a step back within its own parallel branch, leaving the other branch as it is', async () => {
    // given
    const sc = await Scenario.fromFile(fixture);
    sc.start();
    sc.complete('a', { eligible: true }).complete('b').complete('t1a');
    expect(sc.openTasks()).toEqual(['t1b', 't2']);
    const certificate = sc.task('t2').taskId;
    expect(sendBackTargets(sc.graph, sc.state!, sc.task('t1b').taskId)).toEqual(['t1a']);

    // when
    sendBack(sc, 't1b', 't1a');

    // then
    expect(sc.openTasks()).toEqual(['t1a', 't2']);
    expect(sc.task('t2').taskId).toBe(certificate);

    // when every branch is done, the join fires once
    sc.complete('t1a').complete('t1b').complete('t2');

    // then
    expect(sc.openTasks()).toEqual(['d']);
  });

  it('refuses a target across a gateway of the branches, a later step and an unknown one; nothing changes', async () => {
    // given
    const sc = await Scenario.fromFile(fixture);
    sc.start();
    sc.complete('a', { eligible: true }).complete('b');
    const before = JSON.stringify(sc.state);

    // then
    expect(sendBackTargets(sc.graph, sc.state!, sc.task('t2').taskId)).toEqual([]);
    for (const target of ['b', 'a', 'd', 'nope']) {
      expect(() => sendBack(sc, 't2', target)).toThrow(
        expect.objectContaining({ code: 'send-back-refused' }) as EngineError,
      );
    }
    expect(JSON.stringify(sc.state)).toBe(before);
  });

  it('refuses a task that is no longer open', async () => {
    // given
    const sc = await Scenario.fromFile(fixture);
    sc.start();
    const appraisal = sc.task('a').taskId;
    sc.complete('a', { eligible: true });

    // then
    expect(() =>
      sc.run({ type: 'sendBack', taskId: appraisal, targetNodeId: 'a', reason: 'x' }),
    ).toThrow(expect.objectContaining({ code: 'task-not-active' }) as EngineError);
  });
});
