import { join } from 'node:path';
import { Scenario } from '../../testing';

const xml = join(__dirname, 'inclusive-gateway.bpmn');

describe('inclusive gateway', () => {
  it('takes every branch whose condition holds and joins only those', async () => {
    // given
    const sc = await Scenario.fromFile(xml);

    // when
    sc.start({ needsPolice: true, needsTax: true });

    // then
    expect(sc.openTasks()).toEqual(['police', 'tax']);

    // when
    sc.complete('police');

    // then
    expect(sc.openTasks()).toEqual(['tax']);

    // when
    sc.complete('tax');

    // then
    expect(sc.openTasks()).toEqual(['decide']);
  });

  it('joins at once when a single branch was taken', async () => {
    // given
    const sc = await Scenario.fromFile(xml);

    // when
    sc.start({ needsPolice: false, needsTax: true });

    // then
    expect(sc.openTasks()).toEqual(['tax']);

    // when
    sc.complete('tax');

    // then
    expect(sc.openTasks()).toEqual(['decide']);
  });

  it('takes the default flow when no condition holds', async () => {
    // given
    const sc = await Scenario.fromFile(xml);

    // when
    sc.start({ needsPolice: false, needsTax: false });

    // then
    expect(sc.openTasks()).toEqual(['env']);
  });
});
