import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

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

    // when TypeORM compares it with the entities
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();

    // then a freshly generated migration would be empty
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });
});
