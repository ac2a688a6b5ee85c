import { DataSource, type QueryRunner } from 'typeorm';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

/**
 * TypeORM's schema builder loads the tables' column types with a Promise.all on its one query runner,
 * which hands a pg client a query while it executes another (pg 8 warns, pg 9 refuses; see
 * test/support/pg-query-overlap.ts): its runner is given the queries one at a time.
 */
function oneQueryAtATime(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let previous: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = previous.then(() => query(...args));
    previous = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}

describe('schema', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has no drift: the migrations build exactly what the entities describe', async () => {
    // given a database built by the migrations alone
    const dataSource = t.app.get(DataSource);
    const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
    const runners = jest
      .spyOn(dataSource, 'createQueryRunner')
      .mockImplementation((mode) => oneQueryAtATime(createQueryRunner(mode)));

    // when TypeORM compares it with the entities
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    runners.mockRestore();

    // then a freshly generated migration would be empty
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });
});
