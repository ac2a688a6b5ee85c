import { Db } from '../database/db.service';
import { startTestApp, type TestApp } from '../testing/test-app';
import { LoginThrottleStorage } from './login-throttle.storage';
import { Clock } from '../common/clock/clock';

jest.setTimeout(60_000);

/**
 * The sign-in rate limit is counted in PostgreSQL, so that it holds across engine processes
 * (ENGINE_WORKERS, several machines) and not per process.
 */
describe('login rate limit shared by engine processes', () => {
  let t: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ config: { loginLimit: 4 } });
    // A second engine process on the same database.
    other = await startTestApp({ databaseUrl: t.databaseUrl, config: { loginLimit: 4 } });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('refuses the fifth attempt of an address and user name, whichever process the attempts reach', async () => {
    // when attempts alternate between the two processes
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? t : other;
      statuses.push(
        (await app.anonymous.post('/auth/login', { username: 'ke.do.mat.khau', password: `sai-${i}` }))
          .status,
      );
    }

    // then the limit of 4 holds in all, with Retry-After, and another user name is not held up
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const refused = await t.anonymous.post('/auth/login', { username: 'ke.do.mat.khau', password: 'sai' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(
      (await other.anonymous.post('/auth/login', { username: 'nguoi.khac', password: 'sai' })).status,
    ).toBe(401);
    // and nothing personal is stored: the throttler's hashed keys only
    const keys = (await t.query(`SELECT key FROM login_throttle`)) as Array<{ key: string }>;
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const { key } of keys) expect(key).not.toContain('ke.do.mat.khau');
  });

  it('counts in windows and blocks for the block duration, then lets attempts in again', async () => {
    const storage = new LoginThrottleStorage(t.app.get(Db), t.app.get(Clock));
    const attempt = () => storage.increment('thu-nghiem', 1000, 2, 1000, 'login');

    expect(await attempt()).toMatchObject({ totalHits: 1, isBlocked: false, timeToBlockExpire: 0 });
    expect(await attempt()).toMatchObject({ totalHits: 2, isBlocked: false });
    expect(await attempt()).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 1 });
    // a blocked key's attempts are not counted
    expect(await attempt()).toMatchObject({ totalHits: 3, isBlocked: true });

    await new Promise((r) => setTimeout(r, 1100));
    expect(await attempt()).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
