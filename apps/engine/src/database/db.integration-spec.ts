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
});
