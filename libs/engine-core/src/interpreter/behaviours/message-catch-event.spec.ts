import { join } from 'node:path';
import { Scenario } from '../../testing';

const xml = join(__dirname, 'message-catch-event.bpmn');

describe('intermediate message catch event', () => {
  it('waits in its branch while the other branch goes on, and joins once the message came', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start();
    expect(sc.openTasks()).toEqual(['review']);

    // when
    sc.complete('review');

    // then the dossier still waits for the message
    expect(sc.status).toBe('active');

    // when
    sc.message('opinion-received', { opinion: 'đồng ý' });

    // then
    expect(sc.lastCorrelated).toBe(true);
    expect(sc.history('message.correlated')).toEqual(['waitOpinion']);
    expect(sc.status).toBe('completed');
    expect(sc.variables).toEqual({ opinion: 'đồng ý' });
  });

  it('is cancelled with the dossier', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start();

    // when
    sc.run({ type: 'cancel' });

    // then
    expect(sc.status).toBe('cancelled');
    expect(sc.history('node.cancelled').sort()).toEqual(['review', 'waitOpinion']);
  });
});
