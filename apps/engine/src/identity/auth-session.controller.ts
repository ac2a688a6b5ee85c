import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Audit } from '../audit/audit.decorator';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { Public } from './auth.decorators';
import { LoginThrottlerGuard } from './auth.controller';
import { LoginBody } from './auth.dto';
import { forbidden, unauthorized } from './auth.problems';
import { SessionLogoutBody, SessionSignedInDto } from './auth-session.dto';
import { AuthService, type RequestInfo, type SignedIn } from './auth.service';

/** The cookie that holds a browser's refresh token: never readable by scripts, sent only to these routes. */
export const REFRESH_COOKIE = 'lt_refresh';
export const SESSION_COOKIE_PATH = '/api/v1/auth/session';
/** The header the web app sends on the cookie routes; a cross-site form or link cannot set it. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'lienthong-web';

/** The value of one cookie of the request's `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function requestInfo(req: FastifyRequest): RequestInfo {
  const agent = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}

/**
 * Sign-in for the browser app: the refresh token travels only in an httpOnly, SameSite=Strict cookie
 * (Secure over HTTPS and always in production) scoped to these routes; the app keeps the access
 * token in memory. Each route requires `X-Requested-With: lienthong-web`, which a cross-site form
 * cannot send and a cross-origin script cannot send without a CORS preflight the engine never grants.
 * The token API (`/auth/login`, `/auth/refresh`, `/auth/logout`) stays as it is for other clients.
 */
@ApiTags('auth')
@ApiHeader({
  name: 'X-Requested-With',
  required: true,
  description: 'Must be `lienthong-web` (CSRF protection)',
})
@Controller('auth/session')
export class AuthSessionController {
  constructor(
    private readonly auth: AuthService,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @Audit('auth.login', { target: 'session' })
  @ApiOperation({
    summary: 'Đăng nhập (browser): sign in; the refresh token is set as an httpOnly cookie',
    description:
      'Answers the access token and who signed in; the refresh token goes only into the `lt_refresh` cookie ' +
      '(httpOnly, SameSite=Strict, Path=/api/v1/auth/session). Rate-limited like /auth/login.',
  })
  @ApiOkResponse({ type: SessionSignedInDto })
  @ApiProblemResponses(400, 401, 403, 429)
  async signIn(
    @Body() body: LoginBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionSignedInDto> {
    this.assertCsrfHeader(req);
    return this.answer(req, reply, await this.auth.login(body.username, body.password, requestInfo(req)));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @Audit('auth.refresh', { target: 'session' })
  @ApiOperation({
    summary: 'A new access token for the session cookie (which rotates)',
    description:
      'Reads the `lt_refresh` cookie, rotates it (single use, as /auth/refresh) and answers a new access token. ' +
      '401 without a valid cookie: sign in again.',
  })
  @ApiOkResponse({ type: SessionSignedInDto })
  @ApiProblemResponses(401, 403)
  async refresh(
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionSignedInDto> {
    this.assertCsrfHeader(req);
    const token = readCookie(req.headers.cookie, REFRESH_COOKIE);
    if (token === undefined || token === '') {
      throw unauthorized('No session cookie: sign in again.', 'NO_SESSION');
    }
    try {
      return this.answer(req, reply, await this.auth.refresh(token, requestInfo(req)));
    } catch (error) {
      // A used, expired or revoked token: the browser should forget it.
      reply.header('set-cookie', this.cookie(req, '', 0));
      throw error;
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @Audit('auth.logout', { target: 'session' })
  @ApiOperation({
    summary: 'Đăng xuất (browser): revoke the session of the cookie, or every session of its user',
    description:
      'Revokes the session (its access and refresh tokens) at once in every engine process and clears the cookie; ' +
      '`everywhere: true` signs the person out on every device. Without a valid cookie it only clears it.',
  })
  @ApiBody({ type: SessionLogoutBody, required: false })
  @ApiNoContentResponse({ description: 'Signed out; the cookie is cleared' })
  @ApiProblemResponses(400, 403)
  async logout(
    @Body() body: SessionLogoutBody | undefined,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    this.assertCsrfHeader(req);
    const token = readCookie(req.headers.cookie, REFRESH_COOKIE);
    const session = token ? await this.auth.sessionOfRefreshToken(token) : null;
    if (session !== null) {
      if (body?.everywhere === true) await this.auth.logoutEverywhere(session.userId);
      else await this.auth.logout(session.id);
    }
    reply.header('set-cookie', this.cookie(req, '', 0));
  }

  private answer(req: FastifyRequest, reply: FastifyReply, signedIn: SignedIn): SessionSignedInDto {
    // Sign-in and refresh both give the session AUTH_REFRESH_TTL from now.
    reply.header('set-cookie', this.cookie(req, signedIn.refreshToken, this.config.auth.refreshTtlSeconds));
    reply.header('cache-control', 'no-store');
    return {
      accessToken: signedIn.accessToken,
      tokenType: signedIn.tokenType,
      expiresIn: signedIn.expiresIn,
      user: signedIn.user,
    };
  }

  private cookie(req: FastifyRequest, value: string, maxAgeSeconds: number): string {
    const secure = req.protocol === 'https' || this.config.mode === 'production';
    return [
      `${REFRESH_COOKIE}=${encodeURIComponent(value)}`,
      `Path=${SESSION_COOKIE_PATH}`,
      `Max-Age=${maxAgeSeconds}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(secure ? ['Secure'] : []),
    ].join('; ');
  }

  private assertCsrfHeader(req: FastifyRequest): void {
    if (req.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
      throw forbidden(
        `The cookie routes need the header X-Requested-With: ${CSRF_HEADER_VALUE} (CSRF protection).`,
        'CSRF_HEADER_MISSING',
      );
    }
  }
}
