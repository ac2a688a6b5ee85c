import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse } from '../common/pagination';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import type {
  PageDto,
  TaskCompletionDto,
  TaskCountsDto,
  TaskDto,
  TaskListItemDto,
} from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import {
  AssignTaskBody,
  CompleteTaskBody,
  TaskCompletionDto as TaskCompletionSchema,
  TaskCountsDto as TaskCountsSchema,
  TaskDto as TaskSchema,
  TaskListItemDto as TaskListItemSchema,
  TaskFilterQuery,
  TaskListQuery,
} from './task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({
    summary:
      "The caller's inbox: user tasks of their unit for their roles (a leader: all the unit's) and those " +
      'assigned to them, oldest first (`order=due`: earliest due first), each with its procedure; filtered by ' +
      'procedure, version, status, deadline status, due range, assignee, and searched (`q`)',
  })
  @ApiPageResponse(TaskListItemSchema)
  @ApiProblemResponses(400)
  list(
    @Query() query: TaskListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageDto<TaskListItemDto>> {
    return this.tasks.list({ ...query, kind: 'user' }, principal);
  }

  @Get('counts')
  @ApiOperation({
    summary:
      "The numbers of the inbox's filter chips, in the list's scope (open steps unless `status` is given): " +
      'by deadline status with the other filters, by procedure and version with the other filters',
  })
  @ApiOkResponse({ type: TaskCountsSchema })
  @ApiProblemResponses(400)
  counts(@Query() query: TaskFilterQuery, @CurrentPrincipal() principal: Principal): Promise<TaskCountsDto> {
    return this.tasks.counts({ ...query, kind: 'user' }, principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user task, with its form' })
  @ApiOkResponse({ type: TaskSchema })
  @ApiProblemResponses(404)
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TaskDto> {
    return this.tasks.get(id, 'user', principal);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Audit('task.complete', { target: 'task', keyInCommand: true })
  @ApiOperation({ summary: 'Complete a user task with variables (checked against its form)' })
  @ApiOkResponse({ type: TaskCompletionSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
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
  @ApiOkResponse({ type: TaskSchema })
  @ApiProblemResponses(403, 404, 409)
  claim(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TaskDto> {
    return this.tasks.claim(id, principal);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @Audit('task.unclaim', { target: 'task', keyInCommand: true })
  @ApiOperation({ summary: 'Give a claimed step back to the unit (its assignee or a leader)' })
  @ApiOkResponse({ type: TaskSchema })
  @ApiProblemResponses(403, 404, 409)
  unclaim(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TaskDto> {
    return this.tasks.unclaim(id, principal);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Audit('task.assign', { target: 'task', keyInCommand: true })
  @ApiOperation({ summary: 'Phân công: a leader assigns the step to a member of the unit' })
  @ApiOkResponse({ type: TaskSchema })
  @ApiProblemResponses(403, 404, 409)
  assign(
    @Param('id') id: string,
    @Body() body: AssignTaskBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskDto> {
    return this.tasks.assign(id, body.username ?? null, principal);
  }
}
