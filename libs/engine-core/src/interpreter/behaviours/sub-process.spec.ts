import { join } from 'node:path';
import { Scenario } from '../../testing';

const xml = join(__dirname, 'sub-process.bpmn');

describe('embedded sub-process', () => {
  it('runs its inner flow and then continues after it', async () => {
    // given
    const sc = await Scenario.fromFile(xml);

    // when
    sc.start();

    // then
    expect(sc.openTasks()).toEqual(['measure']);

    // when
    sc.complete('measure').complete('map');

    // then
    expect(sc.openTasks()).toEqual(['after']);
    expect(sc.jobs.size).toBe(0);
    expect(sc.state?.scopes).toEqual({});
  });

  it('is interrupted as a whole by a timer boundary event', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start();
    expect([...sc.jobs.values()][0]).toEqual({ dueAt: '2026-03-12T01:00:00.000Z', nodeId: 'tooLong' });

    // when
    sc.fireNextJob();

    // then
    expect(sc.openTasks()).toEqual(['escalated']);
    expect(sc.state?.scopes).toEqual({});
  });

  it('is cancelled with everything inside it when the dossier is cancelled', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start();

    // when
    sc.run({ type: 'cancel', reason: 'Công dân rút hồ sơ' });

    // then
    expect(sc.status).toBe('cancelled');
    expect(sc.openTasks()).toEqual([]);
    expect(sc.jobs.size).toBe(0);
    expect(sc.state?.scopes).toEqual({});
    expect(sc.state?.tokens).toEqual({});
  });
});
