import type { Logger } from '@nestjs/common';
import { Periodic } from './periodic.util';

describe('Periodic', () => {
  const logger = () => ({ warn: jest.fn() }) as unknown as Logger & { warn: jest.Mock };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('skips a tick while a run is still going, and stop waits for it', async () => {
    let finish!: () => void;
    const run = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const periodic = new Periodic(logger(), 'Task', run);
    periodic.start(1000);
    jest.advanceTimersByTime(3000);
    expect(run).toHaveBeenCalledTimes(1);
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
    jest.advanceTimersByTime(3000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs at once when asked, and logs a failed run as a warning', async () => {
    const log = logger();
    const run = jest.fn().mockRejectedValue(new Error('database away'));
    const periodic = new Periodic(log, 'Rolling up', run);
    periodic.start(1000, { now: true });
    expect(run).toHaveBeenCalledTimes(1);
    await periodic.stop();
    expect(log.warn).toHaveBeenCalledWith('Rolling up failed: database away');
  });
});
