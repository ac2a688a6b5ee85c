import { readFile } from 'node:fs/promises';
import { OPENAPI_FILE } from '../../openapi-document';
import { startTestApp, type TestApp } from '../../testing/test-app';

jest.setTimeout(60_000);

describe('the served OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is the committed libs/contracts/openapi.json (run npm run openapi when it is not)', async () => {
    // given
    const committed: unknown = JSON.parse(await readFile(OPENAPI_FILE, 'utf8'));

    // when
    const response = await fetch(`${t.baseUrl}/api/docs-json`);

    // then
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(committed);
  });
});
