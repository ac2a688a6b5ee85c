import { join } from 'node:path';
import { Scenario } from '../../testing';

const xml = join(__dirname, 'call-activity.bpmn');

describe('call activity', () => {
  it('starts the called procedure with mapped variables and maps its result back', async () => {
    // given
    const sc = await Scenario.fromFile(xml);

    // when
    sc.start({ parcel: { area: 60 }, secret: 'x' });

    // then
    const [callId, call] = [...sc.calls.entries()][0] ?? [];
    expect(call).toEqual({
      calledElement: 'nghia-vu-tai-chinh',
      variables: { doubleArea: 120 },
      nodeId: 'taxCall',
    });

    // when
    sc.run({ type: 'completeCall', callId: callId as string, variables: { amount: 999, internal: true } });

    // then
    expect(sc.openTasks()).toEqual(['after']);
    expect(sc.variables).toEqual({ parcel: { area: 60 }, secret: 'x', taxAmount: 999 });
  });

  it('catches an error the called procedure ended with', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start({ parcel: { area: 1 } });
    const callId = [...sc.calls.keys()][0] as string;

    // when
    sc.run({ type: 'failCall', callId, errorCode: 'NO_PAYMENT' });

    // then
    expect(sc.openTasks()).toEqual(['handleError']);
  });

  it('ends like a none end when the called procedure fails with an error nobody catches', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start({ parcel: { area: 1 } });
    const callId = [...sc.calls.keys()][0] as string;

    // when
    sc.run({ type: 'failCall', callId, errorCode: 'OTHER' });

    // then
    expect(sc.history('error.uncaught')).toEqual(['taxCall']);
    expect(sc.openTasks()).toEqual([]);
    expect(sc.status).toBe('completed');
  });

  it('refuses a result for a call that is not active', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start({ parcel: { area: 1 } });

    // when / then
    expect(() => sc.run({ type: 'completeCall', callId: 'nope' })).toThrow(
      expect.objectContaining({ code: 'call-not-active' }),
    );
    expect(() => sc.run({ type: 'failCall', callId: 'nope', errorCode: 'NO_PAYMENT' })).toThrow(
      expect.objectContaining({ code: 'call-not-active' }),
    );
  });

  it('cancels the called procedure when the dossier is cancelled', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start({ parcel: { area: 1 } });

    // when
    sc.run({ type: 'cancel', reason: 'Công dân rút hồ sơ' });

    // then
    expect(sc.status).toBe('cancelled');
    expect(sc.calls.size).toBe(0);
    expect(sc.effects).toContainEqual(
      expect.objectContaining({ type: 'instanceEnded', status: 'cancelled' }),
    );
  });
});
