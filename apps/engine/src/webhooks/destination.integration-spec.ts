import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(60_000);

/** In production (WEBHOOK_ALLOW_PRIVATE_NETWORKS=false) an agency cannot point the engine at the internal network. */
describe('webhook destinations in production', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ config: { webhookAllowPrivateNetworks: false, jobPollMs: 100 } });
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

  it('refuses at delivery time a destination whose host now resolves to a private address, sending nothing', async () => {
    // given an endpoint on this machine, and a subscription to it by a host name, as if its DNS answer had
    // been public when the agency subscribed and turned private since (written directly: the API refuses it)
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://localhost:${(server.address() as AddressInfo).port}/hook`;
      const [subscription] = (await t.query(
        `INSERT INTO webhook_subscriptions (id, unit_code, url, secret, events, created_by, created_at)
         VALUES (gen_random_uuid(), 'DTP-VPDK-CL', $1, 'bí mật của hệ thống', '{task.created}', 'test', now())
         RETURNING id`,
        [url],
      )) as Array<{ id: string }>;
      await t.query(
        `INSERT INTO webhook_deliveries (subscription_id, event, payload) VALUES ($1, 'task.created', '{}')`,
        [subscription!.id],
      );

      // when the dispatcher attempts the delivery
      let row: { attempts: number; status: string; last_error: string | null } | undefined;
      for (let i = 0; i < 100 && !(row && row.attempts > 0); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        [row] = (await t.query(
          `SELECT attempts, status, last_error FROM webhook_deliveries WHERE subscription_id = $1`,
          [subscription!.id],
        )) as Array<{ attempts: number; status: string; last_error: string | null }>;
      }

      // then the attempt fails saying why, and the endpoint got nothing
      expect(row).toMatchObject({
        attempts: 1,
        last_error: expect.stringMatching(
          /^Refused destination: localhost resolves to (127\.0\.0\.1|::1), an address of this host or a private network$/,
        ),
      });
      expect(requests).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
