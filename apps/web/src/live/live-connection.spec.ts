import { LiveConnection, nextDelay, type LiveTaskEvent } from './live-connection';

/** A stand-in for the browser's EventSource: the test opens it, sends events and fails it. */
class FakeSource {
  static made: FakeSource[] = [];
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  private readonly handlers = new Map<string, (e: MessageEvent<string>) => void>();
  constructor(readonly url: string) {
    FakeSource.made.push(this);
  }
  addEventListener(type: string, handler: (e: MessageEvent<string>) => void): void {
    this.handlers.set(type, handler);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, id: string, data: unknown): void {
    this.handlers.get(type)?.({ lastEventId: id, data: JSON.stringify(data) } as MessageEvent<string>);
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('LiveConnection', () => {
  beforeEach(() => {
    FakeSource.made = [];
  });

  it('opens with a ticket, passes step events on, and after an error reopens with a new ticket from the last id', async () => {
    // given a connection whose tickets are numbered
    let n = 0;
    const tasks: LiveTaskEvent[] = [];
    const resets: number[] = [];
    const live = new LiveConnection({
      ticket: () => Promise.resolve(`t${++n}`),
      onTask: (e) => tasks.push(e),
      onReset: () => resets.push(1),
      eventSource: FakeSource as unknown as new (url: string) => EventSource,
      firstRetryMs: 1,
    });

    // when it starts and the stream opens and sends a step event
    live.start();
    expect(live.status).toBe('connecting');
    await flush();
    const first = FakeSource.made[0]!;
    expect(first.url).toBe('/api/v1/events/stream?ticket=t1');
    first.onopen?.();
    first.emit('task', '41', { id: '41', type: 'created', taskId: 'a', dossierId: 'd' });

    // then it is live and the event was passed on
    expect(live.status).toBe('live');
    expect(tasks.map((t) => t.taskId)).toEqual(['a']);

    // when the stream fails
    first.onerror?.();
    expect(live.status).toBe('reconnecting');
    expect(first.closed).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    await flush();

    // then it reopens with a new ticket, resuming after the last event
    const second = FakeSource.made[1]!;
    expect(second.url).toBe('/api/v1/events/stream?ticket=t2&lastEventId=41');
    second.onopen?.();
    second.emit('reset', '90', {});
    // (the first opening refetched too: what changed before it is unknown)
    expect(resets).toHaveLength(2);
    second.onerror?.();
    await new Promise((r) => setTimeout(r, 10));
    await flush();
    expect(FakeSource.made[2]!.url).toBe('/api/v1/events/stream?ticket=t3&lastEventId=90');
    live.stop();
    expect(live.status).toBe('off');
  });

  it('stops when there is no session to ask a ticket for', async () => {
    const live = new LiveConnection({
      ticket: () => Promise.resolve(null),
      onTask: () => undefined,
      onReset: () => undefined,
      eventSource: FakeSource as unknown as new (url: string) => EventSource,
    });
    live.start();
    await flush();
    expect(FakeSource.made).toHaveLength(0);
    expect(live.status).toBe('off');
  });

  it('waits longer after each failure, up to the maximum', () => {
    const half = () => 0.5;
    expect(nextDelay(0, 1000, 30_000, half)).toBe(1000);
    expect(nextDelay(1000, 1000, 30_000, half)).toBe(2000);
    expect(nextDelay(20_000, 1000, 30_000, half)).toBe(30_000);
  });
});
