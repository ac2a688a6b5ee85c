import { createApp } from '../main';
import { startTestApp, type TestApp } from '../testing/test-app';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { TEST_PASSWORD, TestPrincipals } from '../../../../test/support/principals';

jest.setTimeout(60_000);

const PASSWORD = 'mat-khau-rat-dai-2026';

interface SignedIn {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { username: string; unit: { code: string; name: string | null }; roles: string[] };
}

/**
 * Sign-in, sessions and keys against the real API and PostgreSQL: login, expiry, refresh rotation,
 * theft detection, logout, disabling an account, login rate limiting, API-key revocation, and the
 * production guard against demo accounts.
 */
describe('authentication: sessions, tokens and keys', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp({ config: { loginLimit: 4 } });
    adminToken = await t.principals.user('DTP-VP', ['admin']);
  });
  afterAll(async () => {
    await t?.close();
  });

  const admin = () => t.anonymous.request.bind(t.anonymous);
  async function createUser(username: string, unitCode: string, roles: string[]) {
    const res = await admin()(
      'POST',
      '/users',
      { username, displayName: `Cán bộ ${username}`, unitCode, roles, password: PASSWORD },
      { authorization: `Bearer ${adminToken}` },
    );
    expect(res.status).toBe(201);
    return res.body as { id: string };
  }
  const login = (username: string, password = PASSWORD) =>
    t.anonymous.post<SignedIn>('/auth/login', { username, password });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('signs a person in with the password, answering who they are and a working access token', async () => {
    // given
    await createUser('cv.dangnhap', 'DTP-VPDK-CL', ['officer']);

    // when
    const res = await login('CV.DangNhap');

    // then
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: {
        username: 'cv.dangnhap',
        unit: { code: 'DTP-VPDK-CL', name: 'Chi nhánh Văn phòng Đăng ký đất đai khu vực Cao Lãnh' },
        roles: ['officer'],
      },
    });
    const me = await t.anonymous.get('/auth/me', bearer(res.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', name: 'cv.dangnhap', roles: ['officer'] });
    const [session] = (await t.query(
      `SELECT refresh_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1`,
      ['cv.dangnhap'],
    )) as Array<{ refresh_hash: string }>;
    expect(session?.refresh_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(session?.refresh_hash).not.toContain(res.body.refreshToken);
  });

  it('refuses a wrong password, an unknown user and a disabled account alike, with 401 problems', async () => {
    // given
    const user = await createUser('cv.tamnghi', 'DTP-THUE-1', ['officer']);
    await admin()('PATCH', `/users/${user.id}`, { active: false }, bearer(adminToken));

    // when
    const answers = await Promise.all([
      login('cv.dangnhap', 'sai-mat-khau'),
      login('khong.co.ai'),
      login('cv.tamnghi'),
    ]);

    // then
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.contentType).toContain('application/problem+json');
      expect(res.body).toMatchObject({ code: 'BAD_CREDENTIALS' });
    }
  });

  it('revokes the session at logout: its access and refresh tokens stop working at once', async () => {
    // given
    await createUser('cv.dangxuat', 'DTP-VPDK-CL', ['officer']);
    const session = (await login('cv.dangxuat')).body;
    const other = (await login('cv.dangxuat')).body;

    // when
    const out = await t.anonymous.post('/auth/logout', {}, bearer(session.accessToken));

    // then
    expect(out.status).toBe(204);
    expect((await t.anonymous.get('/tasks', bearer(session.accessToken))).body).toMatchObject({
      code: 'SESSION_REVOKED',
    });
    expect((await t.anonymous.post('/auth/refresh', { refreshToken: session.refreshToken })).status).toBe(
      401,
    );
    // the person's other session is untouched
    expect((await t.anonymous.get('/tasks', bearer(other.accessToken))).status).toBe(200);
  });

  it('ends every session of an account an admin disables or whose roles change', async () => {
    // given
    const user = await createUser('cv.doivaitro', 'DTP-VPDK-CL', ['officer']);
    const session = (await login('cv.doivaitro')).body;

    // when
    const changed = await admin()(
      'PATCH',
      `/users/${user.id}`,
      { roles: ['officer', 'leader'] },
      bearer(adminToken),
    );

    // then
    expect(changed.status).toBe(200);
    expect((await t.anonymous.get('/tasks', bearer(session.accessToken))).status).toBe(401);
    const again = (await login('cv.doivaitro')).body;
    expect(again.user.roles).toEqual(['leader', 'officer']);
  });

  it('rate-limits login attempts per address and user name (429 problem with Retry-After)', async () => {
    // given the limit of this app: 4 attempts a minute
    const attempts: number[] = [];

    // when
    for (let i = 0; i < 6; i++) attempts.push((await login('doan.mo', `sai-${i}`)).status);
    const otherName = await login('nguoi.khac', 'sai');

    // then
    expect(attempts).toEqual([401, 401, 401, 401, 429, 429]);
    expect(otherName.status).toBe(401);
    const limited = await login('doan.mo', 'sai');
    expect(limited.contentType).toContain('application/problem+json');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('creates API keys shown once and stored hashed; a revoked key stops working at once', async () => {
    // given
    const created = await admin()(
      'POST',
      '/api-keys',
      { name: 'Hệ thống thuế Thuế cơ sở 1', unitCode: 'DTP-THUE-1', topics: ['tax-assessment'] },
      bearer(adminToken),
    );
    expect(created.status).toBe(201);
    const key = (created.body as { key: string; id: string; prefix: string }).key;
    const id = (created.body as { id: string }).id;
    expect(key).toMatch(/^lt_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const stored = (await t.query(`SELECT secret_hash FROM api_keys WHERE id = $1`, [id])) as Array<{
      secret_hash: string;
    }>;
    expect(stored[0]?.secret_hash).not.toContain(key.slice(12));
    const listed = await admin()('GET', '/api-keys?unit=DTP-THUE-1', undefined, bearer(adminToken));
    expect(JSON.stringify(listed.body)).not.toContain(key);

    // when the key is used (both header forms), then revoked
    const asKey = await t.anonymous.get('/auth/me', { 'x-api-key': key });
    const asBearer = await t.anonymous.get('/external-tasks', bearer(key));
    const revoked = await admin()('POST', `/api-keys/${id}/revoke`, {}, bearer(adminToken));
    const after = await t.anonymous.get('/auth/me', { 'x-api-key': key });

    // then
    expect(asKey.body).toMatchObject({
      kind: 'api_key',
      unit: { code: 'DTP-THUE-1' },
      topics: ['tax-assessment'],
    });
    expect(asBearer.status).toBe(200);
    expect(revoked.status).toBe(200);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'API_KEY_REVOKED' });
    expect((await admin()('POST', `/api-keys/${id}/revoke`, {}, bearer(adminToken))).status).toBe(409);
    const used = (await t.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [id])) as Array<{
      last_used_at: Date | null;
    }>;
    expect(used[0]?.last_used_at).toBeInstanceOf(Date);
  });

  it('refuses malformed credentials with 401 problems, and keeps health and login public', async () => {
    const answers = await Promise.all([
      t.anonymous.get('/tasks'),
      t.anonymous.get('/tasks', { authorization: 'Bearer not.a.jwt' }),
      t.anonymous.get('/tasks', { authorization: 'Basic YWRtaW46ZGVtbw==' }),
      t.anonymous.get('/tasks', { 'x-api-key': 'lt_short' }),
      t.anonymous.get('/tasks', { 'x-api-key': `lt_00000000_${'A'.repeat(43)}` }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    for (const a of answers) expect(a.contentType).toContain('application/problem+json');
    expect((await t.anonymous.get('/health')).status).toBe(200);
  });
});

describe('access token expiry', () => {
  let short: TestApp;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    short = await startTestApp({ config: { accessTtlSeconds: 2 } });
  });
  afterAll(async () => {
    await short?.close();
  });

  it('lets an access token expire, and the refresh token give a new pair exactly once', async () => {
    // given
    const username = TestPrincipals.username('DTP-VPDK-CL', ['officer']);
    await short.principals.user('DTP-VPDK-CL', ['officer']);
    const first = (await short.anonymous.post<SignedIn>('/auth/login', { username, password: TEST_PASSWORD }))
      .body;

    // when the access token's lifetime (2 s) has passed
    await new Promise((r) => setTimeout(r, 3100));
    const expired = await short.anonymous.get('/tasks', bearer(first.accessToken));
    const refreshed = await short.anonymous.post<SignedIn>('/auth/refresh', {
      refreshToken: first.refreshToken,
    });

    // then
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(expired.headers.get('www-authenticate')).toContain('Bearer');
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(first.refreshToken);
    expect((await short.anonymous.get('/tasks', bearer(refreshed.body.accessToken))).status).toBe(200);

    // and presenting the used refresh token again (a thief's copy) ends the whole session
    const replay = await short.anonymous.post('/auth/refresh', { refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: 'BAD_REFRESH_TOKEN' });
    expect((await short.anonymous.get('/tasks', bearer(refreshed.body.accessToken))).body).toMatchObject({
      code: 'SESSION_REVOKED',
    });
    expect(
      (await short.anonymous.post('/auth/refresh', { refreshToken: refreshed.body.refreshToken })).status,
    ).toBe(401);
  });
});

describe('production mode', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ config: { seedDemo: true } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds the demo accounts with the demo password, and production refuses to start while one is active', async () => {
    // given the demo seed ran
    const demo = await t.anonymous.post<SignedIn>('/auth/login', { username: 'tiepnhan', password: 'demo' });
    expect(demo.status).toBe(200);
    expect(demo.body.user).toMatchObject({ unit: { code: 'DTP-TTHCC' }, roles: ['reception'] });

    // when the same database is started in production mode
    const starting = createApp({
      config: {
        mode: 'production',
        databaseUrl: t.databaseUrl,
        seedDemo: false,
        jwtSecret: 'a-production-secret-of-at-least-32-chars',
        logLevel: 'silent',
      },
    });

    // then
    await expect(starting).rejects.toThrow(/Production mode refuses to start with demo accounts/);
  });
});
