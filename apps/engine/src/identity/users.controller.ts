import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PageDto } from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { ApiPageResponse } from '../common/pagination/api-page-response.decorator';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { CurrentPrincipal, RequireRoles } from './auth.decorators';
import type { Principal } from './principal';
import { CreateUserBody, UpdateUserBody, UserDto, UserListQuery } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'People (admin: all; leader: their own unit), by user name' })
  @ApiPageResponse(UserDto)
  @ApiProblemResponses(403)
  list(@Query() query: UserListQuery, @CurrentPrincipal() principal: Principal): Promise<PageDto<UserDto>> {
    return this.users.list(query, principal);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponses(404)
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<UserDto> {
    return this.users.get(id, principal);
  }

  @Post()
  @RequireRoles('admin')
  @Audit('user.create', { target: 'user' })
  @ApiOperation({ summary: 'Create an account in a unit with roles (admin)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblemResponses(400, 403, 409, 422)
  create(@Body() body: CreateUserBody): Promise<UserDto> {
    return this.users.create(body);
  }

  @Patch(':id')
  @RequireRoles('admin')
  @Audit('user.update', { target: 'user' })
  @ApiOperation({ summary: 'Change an account (admin): name, unit, roles, password, or disable it' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblemResponses(400, 403, 404, 422)
  update(
    @Param('id') id: string,
    @Body() body: UpdateUserBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserDto> {
    return this.users.update(id, body, principal);
  }
}
