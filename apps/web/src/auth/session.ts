import createClient from 'openapi-fetch';
import type { paths } from '../api/schema.gen';
import { ApiError, asProblem } from '../api/problem.util';

/** The header the engine's cookie routes require (CSRF protection: a cross-site form cannot send it). */
export const CSRF_HEADERS = { 'X-Requested-With': 'lienthong-web' } as const;

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly unit: { readonly code: string; readonly name: string | null };
  readonly roles: readonly string[];
}

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out' }
  /** `expired`: the session ended mid-work; the page stays as it is while the person signs in again. */
  | { readonly status: 'signed-in'; readonly user: SessionUser; readonly expired: boolean };

/** The session routes, without the access-token middleware (they are how it gets a token). */
const sessionApi = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
const params = { header: CSRF_HEADERS };

/** The signed-in person as the session routes answer them. */
type AnsweredUser =
  paths['/api/v1/auth/session']['post']['responses']['200']['content']['application/json']['user'];
function toUser(user: AnsweredUser): SessionUser {
  const name = user.unit.name;
  return { ...user, unit: { code: user.unit.code, name: typeof name === 'string' ? name : null } };
}

/**
 * The browser's session: the access token lives only here, in memory; the refresh token is an
 * httpOnly cookie this code never sees. A reload restores the session from the cookie; an expired
 * access token is renewed silently, once for all the requests that found it expired at the same time.
 */
class Session {
  private state: SessionState = { status: 'loading' };
  private accessToken: string | null = null;
  private renewing: Promise<string | null> | null = null;
  private waitingForSignIn: Array<(token: string | null) => void> = [];
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.state;

  token(): string | null {
    return this.accessToken;
  }

  /** At start: the session of the cookie, if there is one. */
  async restore(): Promise<void> {
    const token = await this.refresh();
    if (token === null) this.set({ status: 'signed-out' });
  }

  /** Signs in (the first time, or again after the session expired mid-work). @throws ApiError */
  async signIn(username: string, password: string): Promise<void> {
    let result;
    try {
      result = await sessionApi.POST('/api/v1/auth/session', { params, body: { username, password } });
    } catch {
      throw new ApiError(null, null);
    }
    if (result.data === undefined) {
      throw new ApiError(asProblem(result.error, result.response.status), result.response.status);
    }
    this.accessToken = result.data.accessToken;
    this.set({ status: 'signed-in', user: toUser(result.data.user), expired: false });
    this.release(this.accessToken);
  }

  /** Signs out this browser, or every device of the person. The cookie is cleared either way. */
  async signOut(everywhere = false): Promise<void> {
    try {
      await sessionApi.POST('/api/v1/auth/session/logout', { params, body: { everywhere } });
    } finally {
      this.accessToken = null;
      this.set({ status: 'signed-out' });
      this.release(null);
    }
  }

  /**
   * A new access token after a 401: from the cookie if the session lives, else (mid-work) after the
   * person signs in again in the dialog over the page; null if they sign out instead.
   */
  renew(): Promise<string | null> {
    this.renewing ??= this.refresh().finally(() => {
      this.renewing = null;
    });
    return this.renewing.then((token) => {
      if (token !== null || this.state.status !== 'signed-in') return token;
      if (!this.state.expired) this.set({ ...this.state, expired: true });
      return new Promise<string | null>((resolve) => this.waitingForSignIn.push(resolve));
    });
  }

  private async refresh(): Promise<string | null> {
    try {
      const { data } = await sessionApi.POST('/api/v1/auth/session/refresh', { params });
      if (data === undefined) return null;
      this.accessToken = data.accessToken;
      this.set({ status: 'signed-in', user: toUser(data.user), expired: false });
      return data.accessToken;
    } catch {
      return null;
    }
  }

  private release(token: string | null): void {
    const waiting = this.waitingForSignIn;
    this.waitingForSignIn = [];
    for (const resolve of waiting) resolve(token);
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

export const session = new Session();
