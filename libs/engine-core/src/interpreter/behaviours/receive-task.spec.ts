import { join } from 'node:path';
import { Scenario } from '../../testing';

describe('receive task (and intermediate message catch event)', () => {
  it('waits for messages by name and merges their variables', async () => {
    // given
    const sc = await Scenario.fromFile(join(__dirname, 'receive-task.bpmn'));

    // when
    sc.start();

    // then
    expect(sc.effects).toContainEqual(
      expect.objectContaining({ type: 'messageAwaited', name: 'payment-confirmed' }),
    );

    // when a message nobody waits for yet arrives
    sc.message('supplement-received');

    // then
    expect(sc.lastCorrelated).toBe(false);

    // when
    sc.message('payment-confirmed', { paidAmount: 100 });

    // then
    expect(sc.lastCorrelated).toBe(true);

    // when
    sc.message('supplement-received');

    // then
    expect(sc.status).toBe('completed');
    expect(sc.variables).toEqual({ paidAmount: 100 });
  });
});
