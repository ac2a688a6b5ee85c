import type { TaskEventDto } from '@lienthong/contracts';
import type { Api } from './api-client';

/** One server-sent event as the browser's EventSource would dispatch it. */
export interface StreamEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

/**
 * A client of the engine's live stream (GET /api/v1/events/stream), reading the SSE wire format over
 * fetch: opened with a ticket asked for by `api` (the person), optionally with `Last-Event-ID`.
 */
export class EventStreamClient {
  private readonly received: StreamEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly abort = new AbortController();
  private ended = false;
  /** The answer's status and content type. */
  status = 0;
  contentType: string | null = null;

  private constructor(private readonly url: string) {}

  /** Opens a stream for the person `api` signs in as; resolves once its first bytes arrived. */
  static async open(
    baseUrl: string,
    api: Api,
    options: { lastEventId?: string } = {},
  ): Promise<EventStreamClient> {
    const ticket = await api.post<{ ticket: string }>('/events/ticket');
    if (ticket.status !== 200) throw new Error(`ticket: ${ticket.status} ${JSON.stringify(ticket.body)}`);
    const client = new EventStreamClient(
      `${baseUrl}/api/v1/events/stream?ticket=${encodeURIComponent(ticket.body.ticket)}`,
    );
    await client.connect(options.lastEventId);
    return client;
  }

  /** Every event received so far. */
  get events(): readonly StreamEvent[] {
    return this.received;
  }

  /** The `data:` of the `task` events received so far. */
  get taskEvents(): TaskEventDto[] {
    return this.received.filter((e) => e.event === 'task').map((e) => JSON.parse(e.data) as TaskEventDto);
  }

  /** The first event (past or future) that `match` accepts, or a rejection after `timeoutMs`. */
  async next(match: (e: StreamEvent) => boolean, timeoutMs = 5_000): Promise<StreamEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found !== undefined) return found;
      if (this.ended) throw new Error('The stream ended');
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`No such event within ${timeoutMs} ms; got ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** The first `task` event about `taskId` of `type`. */
  async taskEvent(taskId: string, type: TaskEventDto['type'], timeoutMs?: number): Promise<TaskEventDto> {
    const e = await this.next((x) => {
      if (x.event !== 'task') return false;
      const d = JSON.parse(x.data) as TaskEventDto;
      return d.taskId === taskId && d.type === type;
    }, timeoutMs);
    return JSON.parse(e.data) as TaskEventDto;
  }

  close(): void {
    this.abort.abort();
  }

  private async connect(lastEventId: string | undefined): Promise<void> {
    const res = await fetch(this.url, {
      headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
      signal: this.abort.signal,
    });
    this.status = res.status;
    this.contentType = res.headers.get('content-type');
    if (res.body === null) return;
    const reader = res.body.getReader();
    const first = await reader.read();
    const decoder = new TextDecoder();
    let buffer = '';
    const take = (chunk: Uint8Array | undefined) => {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
      for (const w of [...this.waiters]) w();
      this.waiters.clear();
    };
    take(first.value);
    if (first.done) return this.finish();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          take(value);
        }
      } catch {
        // aborted
      }
      this.finish();
    })();
  }

  private finish(): void {
    this.ended = true;
    for (const w of [...this.waiters]) w();
    this.waiters.clear();
  }

  private parse(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) this.received.push({ id, event, data: data.join('\n') });
  }
}
