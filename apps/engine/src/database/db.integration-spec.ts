import { isDatabaseUnavailable } from '../common/problem/to-problem.util';
import { startTestApp, type TestApp } from '../testing/test-app';
import { Db } from './db.service';

jest.setTimeout(60_000);

describe('Db.transaction when the database goes away', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a connection that ends between two statements fails the next one, and the process carries on', async () => {
    const db = t.app.get(Db);
    // given a transaction whose connection is ended by the server while no statement runs (a fast
    // shutdown of PostgreSQL does this to every connection)
    const outcome = db.transaction(async (sql) => {
      const { rows } = await sql<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await t.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sql('SELECT 1');
    });

    // then its next statement fails as "database unavailable" (a 503), not with an unhandled 'error'
    // event that would end the process
    const error: unknown = await outcome.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
    // and the pool serves the next request on a fresh connection
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('a connection ended by the server during a pooled query fails that query, and nothing is left unheard', async () => {
    const db = t.app.get(Db);
    // given a statement running on a pooled connection
    const running = db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(5)').then(
      () => undefined,
      (e: unknown) => e,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [busy] = (await t.query(
      `SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_backend_pid() AS pid, pg_sleep(5)%' AND pid <> pg_backend_pid()`,
    )) as Array<{ pid: number }>;

    // when the server ends that connection (as a fast shutdown does)
    await t.query('SELECT pg_terminate_backend($1)', [busy!.pid]);

    // then the statement fails as "database unavailable" (a 503), every connection keeps an 'error'
    // listener of its own (a second error from the ended socket is heard, not thrown), and the pool goes on
    expect(isDatabaseUnavailable(await running)).toBe(true);
    const pool = (db as unknown as { pool: { _clients: Array<{ listenerCount(e: string): number }> } }).pool;
    expect(pool._clients.every((client) => client.listenerCount('error') >= 1)).toBe(true);
    expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
