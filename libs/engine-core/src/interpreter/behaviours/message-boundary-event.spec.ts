import { join } from 'node:path';
import { Scenario } from '../../testing';

const xml = join(__dirname, 'message-boundary-event.bpmn');

describe('message boundary event', () => {
  it('interrupts the waiting step when the message arrives', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start();

    // when
    sc.message('withdrawn');

    // then
    expect(sc.lastCorrelated).toBe(true);
    expect(sc.status).toBe('completed');
    expect(sc.state?.result).toEqual({ endEventId: 'eW' });
  });

  it("merges the message's variables and cancels the step's task", async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start();
    const taskId = sc.task('process').taskId;

    // when
    sc.message('withdrawn', { reason: 'Công dân rút hồ sơ' });

    // then
    expect(sc.variables).toEqual({ reason: 'Công dân rút hồ sơ' });
    expect(sc.effects).toContainEqual({ type: 'taskEnded', taskId, outcome: 'cancelled' });
    expect(sc.history('message.correlated')).toEqual(['withdrawn']);
  });

  it('takes no message once the step is done', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start().complete('process');

    // when / then: the dossier has ended
    expect(() => sc.message('withdrawn')).toThrow(expect.objectContaining({ code: 'instance-not-active' }));
    expect(sc.state?.result).toEqual({ endEventId: 'e' });
  });
});
