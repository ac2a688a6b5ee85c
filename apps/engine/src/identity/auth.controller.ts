import {
  Body,
  Controller,
  type ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  Post,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { type FastifyRequest } from 'fastify';
import { ProblemException } from '../common/problem/problem.exception';
import { Audit } from '../audit/audit.decorator';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { CurrentPrincipal, Public } from './auth.decorators';
import { LoginBody, PrincipalDto, RefreshBody, SignedInDto } from './auth.dto';
import { unauthorized } from './auth.problems';
import { UnitsRepository } from './units.repository';
import { AuthService, type RequestInfo } from './auth.service';
import type { Principal } from './principal';

/** Login attempts are counted per client address and user name (AUTH_LOGIN_LIMIT per AUTH_LOGIN_WINDOW). */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    throw new ProblemException({
      status: 429,
      slug: 'too-many-login-attempts',
      title: 'Too many sign-in attempts',
      detail: `Quá nhiều lần đăng nhập: thử lại sau ${seconds} giây (too many attempts; retry in ${seconds} s).`,
      extra: { code: 'RATE_LIMITED' },
      headers: { 'Retry-After': String(seconds) },
    });
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const body = req['body'] as { username?: unknown } | undefined;
    const username = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
    return Promise.resolve(`${String(req['ip'] ?? '')}|${username}`);
  }
}

function requestInfo(req: FastifyRequest): RequestInfo {
  const agent = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof agent === 'string' ? agent : null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly units: UnitsRepository,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @Audit('auth.login', { target: 'session' })
  @ApiOperation({
    summary: 'Đăng nhập: sign in with a user name and password',
    description: 'Returns a short-lived access token (JWT) and a single-use refresh token. Rate-limited.',
  })
  @ApiOkResponse({ type: SignedInDto })
  @ApiProblemResponses(400, 401, 429)
  login(@Body() body: LoginBody, @Req() req: FastifyRequest): Promise<SignedInDto> {
    return this.auth.login(body.username, body.password, requestInfo(req));
  }

  @Post('refresh')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @Audit('auth.refresh', { target: 'session' })
  @ApiOperation({ summary: 'New access and refresh tokens for a refresh token (which is then used up)' })
  @ApiOkResponse({ type: SignedInDto })
  @ApiProblemResponses(400, 401, 429)
  refresh(@Body() body: RefreshBody, @Req() req: FastifyRequest): Promise<SignedInDto> {
    return this.auth.refresh(body.refreshToken, requestInfo(req));
  }

  @Post('logout')
  @HttpCode(204)
  @Audit('auth.logout', { target: 'session' })
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Đăng xuất: revoke this session (its access and refresh tokens)' })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiProblemResponses(401)
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    if (principal.sessionId === undefined) throw unauthorized('Only a signed-in session can be signed out.');
    await this.auth.logout(principal.sessionId);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who am I: the caller, their unit and roles' })
  @ApiOkResponse({ type: PrincipalDto })
  @ApiProblemResponses(401)
  async me(@CurrentPrincipal() principal: Principal): Promise<PrincipalDto> {
    const unitName = await this.units.nameOf(principal.unit);
    return {
      kind: principal.kind,
      id: principal.id,
      name: principal.name,
      displayName: principal.displayName,
      unit: { code: principal.unit, name: unitName },
      roles: [...principal.roles],
      ...(principal.kind === 'api_key'
        ? {
            topics: principal.topics ? [...principal.topics] : null,
            messageNames: principal.messageNames ? [...principal.messageNames] : null,
          }
        : {}),
    };
  }
}
