import { join } from 'node:path';
import { Scenario } from '../../testing';

const xml = join(__dirname, 'service-task.bpmn');

describe('service task as external task, with error boundary', () => {
  it('opens an external task with its topic and waits for the callback', async () => {
    // given
    const sc = await Scenario.fromFile(xml);

    // when
    sc.start();

    // then
    expect(sc.task('tax')).toMatchObject({
      kind: 'external',
      topic: 'tax-assessment',
      unit: 'THUE',
      retries: 3,
    });

    // when
    sc.complete('tax', { taxAmount: 1500000 });

    // then
    expect(sc.status).toBe('completed');
    expect(sc.variables['taxAmount']).toBe(1500000);
  });

  it('routes a BPMN error to the error boundary event', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start();

    // when
    sc.run({ type: 'throwError', taskId: sc.task('tax').taskId, errorCode: 'TAX_SYSTEM_DOWN' });

    // then
    expect(sc.openTasks()).toEqual(['manual']);
    expect(sc.history('error.thrown')).toEqual(['tax']);
  });

  it('refuses an error code that no boundary event catches, changing nothing', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start();
    const before = JSON.stringify(sc.state);

    // when / then
    expect(() => sc.run({ type: 'throwError', taskId: sc.task('tax').taskId, errorCode: 'OTHER' })).toThrow(
      expect.objectContaining({ code: 'error-not-caught' }),
    );
    expect(JSON.stringify(sc.state)).toBe(before);
  });

  it('refuses a BPMN error for a task that is not an external task', async () => {
    // given
    const sc = await Scenario.fromFile(xml);
    sc.start().run({ type: 'throwError', taskId: sc.task('tax').taskId, errorCode: 'TAX_SYSTEM_DOWN' });

    // when / then
    expect(() =>
      sc.run({ type: 'throwError', taskId: sc.task('manual').taskId, errorCode: 'TAX_SYSTEM_DOWN' }),
    ).toThrow(expect.objectContaining({ code: 'task-not-active' }));
  });
});
