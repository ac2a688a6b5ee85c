import { startTestApp, type TestApp } from '../testing/test-app';
import { readCookie } from './auth-session.controller';

jest.setTimeout(60_000);

const PASSWORD = 'mat-khau-trinh-duyet-2026';
const WEB = { 'x-requested-with': 'lienthong-web' };

interface SessionSignedIn {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  user: {
    username: string;
    displayName: string;
    unit: { code: string; name: string | null };
    roles: string[];
  };
}

/**
 * The browser's sign-in (cookie mode) against the real API and PostgreSQL: the refresh token only in
 * an httpOnly SameSite=Strict cookie, rotation, sign-out of one session or everywhere, and the CSRF
 * header required on every cookie route. The token API stays as it was (auth.integration-spec.ts).
 */
describe('browser sessions: the refresh token in an httpOnly cookie', () => {
  let t: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp({ config: { loginLimit: 50 } });
    adminToken = await t.principals.user('DTP-VP', ['admin']);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function createUser(username: string): Promise<void> {
    const res = await t.anonymous.request(
      'POST',
      '/users',
      {
        username,
        displayName: `Cán bộ ${username}`,
        unitCode: 'DTP-VPDK-CL',
        roles: ['officer'],
        password: PASSWORD,
      },
      { authorization: `Bearer ${adminToken}` },
    );
    expect(res.status).toBe(201);
  }
  const signIn = (username: string, password = PASSWORD, headers: Record<string, string> = WEB) =>
    t.anonymous.request<SessionSignedIn>('POST', '/auth/session', { username, password }, headers);
  /** The `lt_refresh` Set-Cookie line of an answer. */
  const setCookie = (headers: Headers): string => {
    const line = headers.getSetCookie().find((c) => c.startsWith('lt_refresh='));
    if (line === undefined) throw new Error('no lt_refresh cookie set');
    return line;
  };
  const cookieValue = (line: string): string => readCookie(line.split(';')[0], 'lt_refresh') ?? '';
  const withCookie = (value: string, headers: Record<string, string> = WEB) => ({
    ...headers,
    cookie: `other=1; lt_refresh=${encodeURIComponent(value)}`,
  });
  const refresh = (value: string, headers?: Record<string, string>) =>
    t.anonymous.request<SessionSignedIn>(
      'POST',
      '/auth/session/refresh',
      undefined,
      withCookie(value, headers),
    );
  const me = (accessToken: string) => t.anonymous.get('/auth/me', { authorization: `Bearer ${accessToken}` });

  it('signs in with the refresh token only in an httpOnly, SameSite=Strict cookie scoped to the session routes', async () => {
    // given
    await createUser('cv.trinhduyet');

    // when
    const res = await signIn('cv.trinhduyet');

    // then
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { username: 'cv.trinhduyet', unit: { code: 'DTP-VPDK-CL' }, roles: ['officer'] },
    });
    expect(res.body).not.toHaveProperty('refreshToken');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const cookie = setCookie(res.headers);
    expect(cookie).toMatch(/^lt_refresh=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; SameSite=Strict');
    expect(cookie).toContain('; Path=/api/v1/auth/session');
    expect(cookie).toContain('; Max-Age=604800;');
    // plain HTTP outside production: not Secure (the browser would drop it on http://localhost)
    expect(cookie).not.toContain('Secure');
    expect((await me(res.body.accessToken)).status).toBe(200);
  });

  it('refreshes from the cookie, rotating it; the used cookie then fails and revokes the session', async () => {
    // given
    await createUser('cv.lammoi');
    const first = cookieValue(setCookie((await signIn('cv.lammoi')).headers));

    // when
    const refreshed = await refresh(first);

    // then
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.user.username).toBe('cv.lammoi');
    const second = cookieValue(setCookie(refreshed.headers));
    expect(second).not.toBe(first);
    expect((await me(refreshed.body.accessToken)).status).toBe(200);

    // when the used cookie comes back (a stolen copy)
    const replay = await refresh(first);

    // then it is refused and cleared, and the session it belonged to is revoked
    expect(replay.status).toBe(401);
    expect(replay.contentType).toContain('application/problem+json');
    expect(setCookie(replay.headers)).toMatch(/^lt_refresh=; .*Max-Age=0/);
    expect((await refresh(second)).status).toBe(401);
    expect((await me(refreshed.body.accessToken)).status).toBe(401);
  });

  it('answers 401 to a refresh without a cookie, and a wrong password as the token API does', async () => {
    const none = await t.anonymous.request('POST', '/auth/session/refresh', undefined, WEB);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({
      type: 'https://lienthong.vn/problems/unauthenticated',
      code: 'NO_SESSION',
    });

    await createUser('cv.saimatkhau');
    const wrong = await signIn('cv.saimatkhau', 'khong-dung');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('refuses every cookie route without the X-Requested-With header (CSRF), changing nothing', async () => {
    // given
    await createUser('cv.csrf');
    const signedIn = await signIn('cv.csrf');
    const value = cookieValue(setCookie(signedIn.headers));

    // when a cross-site form posts (it cannot set the header)
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const login = await signIn('cv.csrf', PASSWORD, {});
    const refreshed = await refresh(value, {});
    const logout = await t.anonymous.request(
      'POST',
      '/auth/session/logout',
      undefined,
      withCookie(value, form),
    );
    const wrongValue = await refresh(value, { 'x-requested-with': 'XMLHttpRequest' });

    // then
    for (const res of [login, refreshed, logout, wrongValue]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'CSRF_HEADER_MISSING' });
    }
    expect((await me(signedIn.body.accessToken)).status).toBe(200);
    expect((await refresh(value)).status).toBe(200);
  });

  it('signs out the cookie’s session only, clearing the cookie', async () => {
    // given two browsers of one person
    await createUser('cv.dangxuat');
    const a = await signIn('cv.dangxuat');
    const b = await signIn('cv.dangxuat');

    // when the first signs out
    const out = await t.anonymous.request(
      'POST',
      '/auth/session/logout',
      undefined,
      withCookie(cookieValue(setCookie(a.headers))),
    );

    // then
    expect(out.status).toBe(204);
    expect(setCookie(out.headers)).toMatch(/^lt_refresh=; .*Max-Age=0/);
    expect((await me(a.body.accessToken)).status).toBe(401);
    expect((await refresh(cookieValue(setCookie(a.headers)))).status).toBe(401);
    expect((await me(b.body.accessToken)).status).toBe(200);
  });

  it('signs out everywhere: every session of the person, token API sessions included', async () => {
    // given a browser and another client
    await createUser('cv.moinoi');
    const browser = await signIn('cv.moinoi');
    const other = await t.anonymous.post<{ accessToken: string; refreshToken: string }>('/auth/login', {
      username: 'cv.moinoi',
      password: PASSWORD,
    });
    expect(other.status).toBe(200);

    // when
    const out = await t.anonymous.request(
      'POST',
      '/auth/session/logout',
      { everywhere: true },
      withCookie(cookieValue(setCookie(browser.headers))),
    );

    // then
    expect(out.status).toBe(204);
    expect((await me(browser.body.accessToken)).status).toBe(401);
    expect((await me(other.body.accessToken)).status).toBe(401);
    expect((await t.anonymous.post('/auth/refresh', { refreshToken: other.body.refreshToken })).status).toBe(
      401,
    );
    // a new sign-in works
    expect((await signIn('cv.moinoi')).status).toBe(200);
  });

  it('clears the cookie at sign-out even when it no longer names a session', async () => {
    const out = await t.anonymous.request(
      'POST',
      '/auth/session/logout',
      undefined,
      withCookie('khong-ton-tai'),
    );
    expect(out.status).toBe(204);
    expect(setCookie(out.headers)).toMatch(/^lt_refresh=; .*Max-Age=0/);
  });
});
