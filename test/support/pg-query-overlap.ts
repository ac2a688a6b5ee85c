import { Client } from 'pg';

/**
 * pg 8 warns when a client is handed a query while it is still executing another ("Calling
 * client.query() when the client is already executing a query", e.g. a Promise.all on one client);
 * pg 9 will refuse it. Run after the test framework in the integration and end-to-end tiers (the
 * engine of an integration test runs in the test's own module registry): every query is counted
 * against its client until it settles, and a test file during which a client had two at once fails,
 * with the stack of the second one.
 */
type Query = (this: Client, ...args: unknown[]) => unknown;
const original = Client.prototype.query as unknown as Query;
const running = new WeakMap<Client, number>();
const overlaps: string[] = [];

function counted(this: Client, ...args: unknown[]): unknown {
  const now = running.get(this) ?? 0;
  if (now > 0) overlaps.push(new Error('pg client given a query while executing another').stack ?? '');
  const last = args.at(-1);
  const settle = (): void => void running.set(this, (running.get(this) ?? 1) - 1);
  running.set(this, now + 1);
  if (typeof last === 'function') {
    // Callback form (pg's Pool.query uses it).
    args[args.length - 1] = (...results: unknown[]) => {
      settle();
      return (last as (...r: unknown[]) => unknown)(...results);
    };
    return original.apply(this, args);
  }
  const result = original.apply(this, args);
  if (typeof (result as Promise<unknown> | undefined)?.then === 'function') {
    (result as Promise<unknown>).then(settle, settle);
  } else {
    // A submittable (cursor, stream) reports its end by events: not counted.
    settle();
  }
  return result;
}

beforeAll(() => {
  Client.prototype.query = counted as unknown as Client['query'];
});

afterAll(() => {
  Client.prototype.query = original as unknown as Client['query'];
  if (overlaps.length > 0) {
    throw new Error(
      `${overlaps.length} pg queries were given to a client still executing another:\n${[...new Set(overlaps)].join('\n\n')}`,
    );
  }
});
