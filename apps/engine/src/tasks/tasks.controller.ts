import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PageDto, TaskCompletionDto, TaskDto } from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import { AssignTaskBody, CompleteTaskBody, TaskListQuery } from './task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({
    summary:
      "The caller's inbox: user tasks of their unit for their roles (a leader: all the unit's), oldest first",
  })
  list(@Query() query: TaskListQuery, @CurrentPrincipal() principal: Principal): Promise<PageDto<TaskDto>> {
    return this.tasks.list({ ...query, kind: 'user' }, principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user task, with its form' })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TaskDto> {
    return this.tasks.get(id, 'user', principal);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Audit('task.complete', { target: 'task', keyInCommand: true })
  @ApiOperation({ summary: 'Complete a user task with variables (checked against its form)' })
  complete(
    @Param('id') id: string,
    @Body() body: CompleteTaskBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskCompletionDto> {
    return this.tasks.complete(id, body.variables, principal, 'user');
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Audit('task.claim', { target: 'task', keyInCommand: true })
  @ApiOperation({ summary: 'Nhận xử lý: take the step (then only the caller completes it)' })
  claim(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TaskDto> {
    return this.tasks.claim(id, principal);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @Audit('task.unclaim', { target: 'task', keyInCommand: true })
  @ApiOperation({ summary: 'Give a claimed step back to the unit (its assignee or a leader)' })
  unclaim(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TaskDto> {
    return this.tasks.unclaim(id, principal);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Audit('task.assign', { target: 'task', keyInCommand: true })
  @ApiOperation({ summary: 'Phân công: a leader assigns the step to a member of the unit' })
  assign(
    @Param('id') id: string,
    @Body() body: AssignTaskBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskDto> {
    return this.tasks.assign(id, body.username ?? null, principal);
  }
}
