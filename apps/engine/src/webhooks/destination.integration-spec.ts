import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

/** In production (WEBHOOK_ALLOW_PRIVATE_NETWORKS=false) an agency cannot point the engine at the internal network. */
describe('webhook destinations in production', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ config: { webhookAllowPrivateNetworks: false } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each([
    'http://127.0.0.1:5432/',
    'http://localhost/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/x',
    'http://10.0.0.8/hook',
  ])('refuses a subscription to %s with 422, writing nothing', async (url) => {
    const res = await t.withKey('DTP-VPDK-CL').post('/webhooks', { url, events: ['task.created'] });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'webhook-url-refused' });
    expect(await t.query(`SELECT count(*)::int AS n FROM webhook_subscriptions`)).toEqual([{ n: 0 }]);
  });
});
