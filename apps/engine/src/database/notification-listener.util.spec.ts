import { EventEmitter } from 'node:events';
import { type ListenConnection, NotificationListener } from './notification-listener.util';

class FakeConnection extends EventEmitter implements ListenConnection {
  readonly queries: string[] = [];
  ended = false;

  constructor(private readonly failListen = false) {
    super();
  }

  query(text: string): Promise<unknown> {
    this.queries.push(text);
    return this.failListen ? Promise.reject(new Error('LISTEN refused')) : Promise.resolve({});
  }

  end(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      this.emit('end');
    }
    return Promise.resolve();
  }

  notify(channel: string, payload?: string): void {
    this.emit('notification', { channel, payload });
  }
}

interface Harness {
  listener: NotificationListener;
  connections: FakeConnection[];
  notifications: Array<string | undefined>;
  polls: number;
  warnings: string[];
  /** Outcome of the next connect attempts: 'ok', 'fail' (connect rejects), 'listen-fails'. */
  plan: Array<'ok' | 'fail' | 'listen-fails'>;
}

function harness(poll: () => Promise<void> = () => Promise.resolve()): Harness {
  const h: Harness = {
    connections: [],
    notifications: [],
    polls: 0,
    warnings: [],
    plan: [],
    listener: undefined as unknown as NotificationListener,
  };
  h.listener = new NotificationListener({
    channel: 'lt_test',
    connect: () => {
      const outcome = h.plan.shift() ?? 'ok';
      if (outcome === 'fail') return Promise.reject(new Error('ECONNREFUSED'));
      const connection = new FakeConnection(outcome === 'listen-fails');
      h.connections.push(connection);
      return Promise.resolve(connection);
    },
    onNotification: (payload) => h.notifications.push(payload),
    poll: () => {
      h.polls++;
      return poll();
    },
    pollMs: 60_000,
    retryMs: 1_000,
    maxRetryMs: 8_000,
    logger: { log: () => undefined, warn: (message) => h.warnings.push(message) },
  });
  return h;
}

describe('NotificationListener', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('LISTENs on the channel and passes its notifications only', async () => {
    const h = harness();
    await h.listener.start();
    expect(h.listener.listening).toBe(true);
    expect(h.connections[0].queries).toEqual(['LISTEN lt_test']);
    h.connections[0].notify('lt_test', '7');
    h.connections[0].notify('other', '8');
    expect(h.notifications).toEqual(['7']);
    await h.listener.stop();
    expect(h.connections[0].ended).toBe(true);
    expect(h.listener.listening).toBe(false);
  });

  it('runs the catch-up check rarely while listening', async () => {
    const h = harness();
    await h.listener.start();
    await jest.advanceTimersByTimeAsync(59_999);
    expect(h.polls).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(h.polls).toBe(1);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(h.polls).toBe(2);
    await h.listener.stop();
  });

  it('reconnects after losing the connection, then catches up', async () => {
    const h = harness();
    await h.listener.start();
    h.connections[0].emit('error', new Error('terminating connection due to administrator command'));
    expect(h.listener.listening).toBe(false);
    expect(h.connections[0].ended).toBe(true);
    expect(h.warnings.join('\n')).toContain('administrator command');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(h.listener.listening).toBe(true);
    expect(h.connections).toHaveLength(2);
    expect(h.polls).toBe(1); // changes made while disconnected
    h.connections[1].notify('lt_test', '9');
    expect(h.notifications).toEqual(['9']);
    // the old connection is ignored from now on
    h.connections[0].notify('lt_test', 'stale');
    h.connections[0].emit('end');
    expect(h.listener.listening).toBe(true);
    expect(h.notifications).toEqual(['9']);
    await h.listener.stop();
  });

  it('without a connection, checks for changes while retrying with backoff', async () => {
    const h = harness();
    h.plan.push('fail', 'listen-fails', 'fail', 'fail', 'fail', 'fail');
    await h.listener.start();
    expect(h.listener.listening).toBe(false);
    await jest.advanceTimersByTimeAsync(1_000); // attempt 2 (LISTEN fails), poll
    expect(h.polls).toBe(1);
    expect(h.connections[0].ended).toBe(true);
    await jest.advanceTimersByTimeAsync(2_000); // attempt 3
    expect(h.polls).toBe(2);
    await jest.advanceTimersByTimeAsync(4_000); // attempt 4
    expect(h.polls).toBe(3);
    await jest.advanceTimersByTimeAsync(8_000); // attempt 5, capped at maxRetryMs
    await jest.advanceTimersByTimeAsync(8_000); // attempt 6
    expect(h.polls).toBe(5);
    expect(h.listener.listening).toBe(false);
    await jest.advanceTimersByTimeAsync(8_000); // attempt 7 succeeds
    expect(h.listener.listening).toBe(true);
    expect(h.polls).toBe(6);
    await jest.advanceTimersByTimeAsync(8_000);
    expect(h.polls).toBe(6); // back to the slow check
    await h.listener.stop();
  });

  it('logs a failing check and keeps going', async () => {
    let fail = true;
    const h = harness(() => (fail ? Promise.reject(new Error('db down')) : Promise.resolve()));
    h.plan.push('fail');
    await h.listener.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(h.warnings.some((w) => w.includes('db down'))).toBe(true);
    fail = false;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(h.polls).toBe(2);
    await h.listener.stop();
  });

  it('stops its timers and refuses odd channel names', async () => {
    const h = harness();
    h.plan.push('fail');
    await h.listener.start();
    await h.listener.stop();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(h.polls).toBe(0);
    expect(h.connections).toHaveLength(0);
    expect(
      () =>
        new NotificationListener({
          channel: 'lt; DROP TABLE x',
          connect: () => Promise.reject(new Error('no')),
          onNotification: () => undefined,
          poll: () => Promise.resolve(),
          pollMs: 1,
          retryMs: 1,
          maxRetryMs: 1,
          logger: { log: () => undefined, warn: () => undefined },
        }),
    ).toThrow('Invalid LISTEN channel');
  });
});
