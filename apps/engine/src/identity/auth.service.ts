import {
  createHash,
  createSecretKey,
  type KeyObject,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import jwt from 'jsonwebtoken';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { Db } from '../database/db.service';
import { unauthorized } from './auth.problems';
import { PasswordHasher } from './password-hasher';
import type { Principal } from './principal';
import { Revocations } from './revocations.service';
import { isRole, type Role } from './roles';
import { Clock } from '../common/clock/clock';
import { ApiKeysRepository } from './api-keys.repository';
import { SessionsRepository } from './sessions.repository';
import { type AccountRow, UsersRepository } from './users.repository';

export const TOKEN_ISSUER = 'lienthong';
export const TOKEN_AUDIENCE = 'lienthong-api';
/** The audience of live-stream tickets: an access token does not open a stream, nor a ticket the API. */
export const STREAM_TICKET_AUDIENCE = 'lienthong-events';
/** Lifetime of a live-stream ticket, seconds: long enough to open the stream, short enough in a URL. */
export const STREAM_TICKET_TTL_SECONDS = 60;
/** An API key: `lt_<8 hex prefix>_<43 base64url secret>`. */
const API_KEY = /^lt_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;
const KEY_CACHE_MS = 30_000;
const LAST_USED_EVERY_MS = 60_000;

interface AccessClaims {
  sub: string;
  name: string;
  dn: string;
  unit: string;
  roles: string[];
  sid: string;
}

/** A stream ticket's claims: an access token's, but an OIDC sign-in has no session of ours. */
type TicketClaims = Omit<AccessClaims, 'sid'> & { sid?: string };

export type UserRow = AccountRow;

export interface SignedIn {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  user: {
    id: string;
    username: string;
    displayName: string;
    unit: { code: string; name: string | null };
    roles: Role[];
  };
}

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Tokens, sessions and keys live in real time (the wall clock), never the engine's settable test clock.
 *
 * Sign-in (password or OpenID Connect), sessions with rotating refresh tokens, and the verification of
 * every request's credentials: our access tokens (HS256 JWT carrying unit, roles and session), the
 * province's OIDC tokens when configured, and agency API keys.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly keyCache = new Map<string, { principal: Principal; until: number; keyId: string }>();
  private readonly keyLastUsed = new Map<string, number>();
  private readonly oidcKeys: JWTVerifyGetKey | null;
  private readonly oidcUsers = new Map<string, { principal: Principal; until: number }>();
  /** The HMAC key as a KeyObject: jsonwebtoken given a string tries to parse it as a public key every time (~0.4 ms). */
  private readonly key: KeyObject;

  constructor(
    private readonly db: Db,
    private readonly hasher: PasswordHasher,
    private readonly revocations: Revocations,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly apiKeys: ApiKeysRepository,
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.revocations.onApiKeyRevoked((id) => {
      for (const [hash, entry] of this.keyCache) if (entry.keyId === id) this.keyCache.delete(hash);
    });
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
    const oidc = config.auth.oidc;
    this.oidcKeys = oidc === null ? null : createRemoteJWKSet(new URL(oidc.jwksUrl));
  }

  async login(username: string, password: string, info: RequestInfo): Promise<SignedIn> {
    if (this.config.auth.oidc?.only) {
      throw unauthorized(
        'Local passwords are turned off: sign in through the identity provider.',
        'OIDC_ONLY',
      );
    }
    const user = await this.users.accountByName(username.trim().toLowerCase());
    // Always verify a hash, so that an unknown user name takes as long as a wrong password.
    const ok = await this.hasher.verify(user?.password_hash ?? null, password);
    if (user === undefined || !ok || !user.active) {
      throw unauthorized(
        'Tên đăng nhập hoặc mật khẩu không đúng (wrong user name or password).',
        'BAD_CREDENTIALS',
      );
    }
    return this.startSession(user, info);
  }

  async refresh(refreshToken: string, info: RequestInfo): Promise<SignedIn> {
    const hash = sha256(refreshToken);
    const now = this.clock.machineNow();
    const refreshed = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.auth.refreshTtlSeconds * 1000);
    const session = await this.sessions.rotateRefresh(hash, sha256(refreshed), now, expiresAt, info);
    if (session === undefined) {
      // A refresh token that was already rotated: someone else holds it. Revoke that session.
      for (const id of await this.sessions.revokeReused(hash, now))
        await this.revocations.publish(this.db.query, 'session', id);
      throw unauthorized(
        'The refresh token is invalid, expired or revoked: sign in again.',
        'BAD_REFRESH_TOKEN',
      );
    }
    const user = (await this.users.accountById(session.user_id))!;
    return this.answer(user, session.id, refreshed, expiresAt);
  }

  /** Revokes the session: its refresh token and every access token issued for it stop working. */
  async logout(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, this.clock.machineNow());
    await this.revocations.publish(this.db.query, 'session', sessionId);
  }

  /** The live session a refresh token belongs to (not revoked, not expired), or null. */
  async sessionOfRefreshToken(refreshToken: string): Promise<{ id: string; userId: string } | null> {
    const row = await this.sessions.liveByRefreshHash(sha256(refreshToken), new Date());
    return row === undefined ? null : { id: row.id, userId: row.user_id };
  }

  /** Sign-out everywhere: revokes every session of the user, in every engine process. */
  async logoutEverywhere(userId: string): Promise<void> {
    await this.sessions.revokeEverywhere(userId, new Date());
    await this.revocations.publish(this.db.query, 'user', userId);
  }

  /** The principal of an `Authorization` / `X-API-Key` credential, or a 401. */
  async authenticate(credential: string): Promise<Principal> {
    if (credential.startsWith('lt_')) return this.authenticateApiKey(credential);
    let claims: AccessClaims;
    try {
      claims = jwt.verify(credential, this.key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
      }) as AccessClaims;
    } catch (error) {
      if (this.oidcKeys !== null && !(error instanceof Error && error.name === 'TokenExpiredError')) {
        return this.authenticateOidc(credential);
      }
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw unauthorized(
        expired ? 'The access token has expired: refresh it.' : 'The access token is invalid.',
        expired ? 'TOKEN_EXPIRED' : 'BAD_TOKEN',
      );
    }
    return this.principalOfClaims(claims);
  }

  /** The person a verified token or stream ticket names, or a 401 if its session was revoked. */
  private principalOfClaims(claims: TicketClaims): Principal {
    if (claims.sid !== undefined && this.revocations.isSessionRevoked(claims.sid)) {
      throw unauthorized('The session has been signed out or revoked: sign in again.', 'SESSION_REVOKED');
    }
    return {
      kind: 'user',
      id: claims.sub,
      name: claims.name,
      displayName: claims.dn,
      unit: claims.unit,
      roles: claims.roles.filter(isRole),
      sessionId: claims.sid,
    };
  }

  /**
   * A ticket that opens the live event stream (`GET /events/stream?ticket=…`) for a signed-in person:
   * an HS256 JWT of its own audience carrying the principal (and its session), valid a minute. Signed,
   * not stored: any engine process verifies it.
   */
  streamTicket(principal: Principal): { ticket: string; expiresAt: Date } {
    const iat = Math.floor(this.clock.machineMs() / 1000);
    const claims: TicketClaims = {
      sub: principal.id,
      name: principal.name,
      dn: principal.displayName,
      unit: principal.unit,
      roles: [...principal.roles],
      sid: principal.sessionId,
    };
    const ticket = jwt.sign({ ...claims, iat }, this.key, {
      algorithm: 'HS256',
      issuer: TOKEN_ISSUER,
      audience: STREAM_TICKET_AUDIENCE,
      expiresIn: STREAM_TICKET_TTL_SECONDS,
    });
    return { ticket, expiresAt: new Date((iat + STREAM_TICKET_TTL_SECONDS) * 1000) };
  }

  /** The principal of a live-stream ticket, or a 401 (invalid, expired, or its session revoked). */
  authenticateStreamTicket(ticket: string): Principal {
    let claims: TicketClaims;
    try {
      claims = jwt.verify(ticket, this.key, {
        algorithms: ['HS256'],
        issuer: TOKEN_ISSUER,
        audience: STREAM_TICKET_AUDIENCE,
      }) as typeof claims;
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw unauthorized(
        expired
          ? 'The stream ticket has expired: ask for a new one (POST /api/v1/events/ticket).'
          : 'The stream ticket is invalid: ask for one with POST /api/v1/events/ticket.',
        expired ? 'TICKET_EXPIRED' : 'BAD_TICKET',
      );
    }
    return this.principalOfClaims(claims);
  }

  /** True while the session (if any) has not been signed out or revoked. */
  isSessionLive(sessionId: string | undefined): boolean {
    return sessionId === undefined || !this.revocations.isSessionRevoked(sessionId);
  }

  private async startSession(user: UserRow, info: RequestInfo): Promise<SignedIn> {
    const now = this.clock.machineNow();
    const sessionId = randomUUID();
    const refresh = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.auth.refreshTtlSeconds * 1000);
    await this.sessions.insert({
      id: sessionId,
      userId: user.id,
      refreshHash: sha256(refresh),
      at: now,
      expiresAt,
      ip: info.ip,
      userAgent: info.userAgent?.slice(0, 300) ?? null,
    });
    return this.answer(user, sessionId, refresh, expiresAt);
  }

  private async answer(
    user: UserRow,
    sessionId: string,
    refresh: string,
    expiresAt: Date,
  ): Promise<SignedIn> {
    const roles = user.roles.filter(isRole);
    const claims: AccessClaims = {
      sub: user.id,
      name: user.username,
      dn: user.display_name,
      unit: user.unit_code,
      roles,
      sid: sessionId,
    };
    const iat = Math.floor(this.clock.machineMs() / 1000);
    const accessToken = jwt.sign({ ...claims, iat }, this.key, {
      algorithm: 'HS256',
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      expiresIn: this.config.auth.accessTtlSeconds,
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.auth.accessTtlSeconds,
      refreshToken: refresh,
      refreshExpiresAt: expiresAt.toISOString(),
      user: {
        id: user.id,
        username: user.username,
        displayName: user.display_name,
        unit: { code: user.unit_code, name: user.unit_name },
        roles,
      },
    };
  }

  private async authenticateApiKey(key: string): Promise<Principal> {
    const match = API_KEY.exec(key);
    if (match === null) throw unauthorized('The API key is malformed.', 'BAD_API_KEY');
    const hash = sha256(key);
    const nowMs = this.clock.machineMs();
    let entry = this.keyCache.get(hash);
    if (entry === undefined || entry.until < this.clock.machineMs()) {
      const row = await this.apiKeys.findByPrefix(match[1]!);
      if (row === undefined || !timingSafeEqual(Buffer.from(row.secret_hash), Buffer.from(hash))) {
        throw unauthorized('The API key is unknown.', 'BAD_API_KEY');
      }
      if (row.revoked_at !== null) throw unauthorized('The API key has been revoked.', 'API_KEY_REVOKED');
      if (row.expires_at !== null && row.expires_at.getTime() <= nowMs) {
        throw unauthorized('The API key has expired.', 'API_KEY_EXPIRED');
      }
      entry = {
        keyId: row.id,
        until: this.clock.machineMs() + KEY_CACHE_MS,
        principal: {
          kind: 'api_key',
          id: row.id,
          name: `apikey:${row.prefix}`,
          displayName: row.name,
          unit: row.unit_code,
          roles: row.roles.filter(isRole),
          topics: row.topics,
          messageNames: row.message_names,
        },
      };
      this.keyCache.set(hash, entry);
    }
    const last = this.keyLastUsed.get(entry.keyId) ?? 0;
    if (this.clock.machineMs() - last > LAST_USED_EVERY_MS) {
      this.keyLastUsed.set(entry.keyId, this.clock.machineMs());
      this.apiKeys
        .touch(entry.keyId, this.clock.machineNow())
        .catch((error: unknown) =>
          this.logger.warn(`Recording the use of an API key failed: ${String(error)}`),
        );
    }
    return entry.principal;
  }

  private async authenticateOidc(token: string): Promise<Principal> {
    const oidc = this.config.auth.oidc!;
    let username: unknown;
    try {
      const { payload } = await jwtVerify(token, this.oidcKeys!, {
        issuer: oidc.issuer,
        audience: oidc.audience,
      });
      username = payload[oidc.usernameClaim];
    } catch {
      throw unauthorized('The access token is invalid or expired.', 'BAD_TOKEN');
    }
    if (typeof username !== 'string' || username === '') {
      throw unauthorized(`The token has no ${oidc.usernameClaim} claim.`, 'BAD_TOKEN');
    }
    const key = username.toLowerCase();
    const cached = this.oidcUsers.get(key);
    if (cached !== undefined && cached.until > this.clock.machineMs()) return cached.principal;
    const user = await this.users.accountByName(key);
    if (user === undefined || !user.active) {
      throw unauthorized(`No active account ${key} in Liên thông: ask an administrator.`, 'UNKNOWN_USER');
    }
    const principal: Principal = {
      kind: 'user',
      id: user.id,
      name: user.username,
      displayName: user.display_name,
      unit: user.unit_code,
      roles: user.roles.filter(isRole),
    };
    this.oidcUsers.set(key, { principal, until: this.clock.machineMs() + KEY_CACHE_MS });
    return principal;
  }
}
