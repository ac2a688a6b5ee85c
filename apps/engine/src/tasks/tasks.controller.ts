import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse } from '../common/pagination';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import type {
  PageDto,
  SendBackTargetDto,
  TaskCompletionDto,
  TaskCountsDto,
  TaskDto,
  TaskListItemDto,
} from '@lienthong/contracts';
import { SupplementRequestBody } from '../deadlines/deadlines.dto';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import {
  AssignTaskBody,
  CompleteTaskBody,
  SendBackBody,
  SendBackTargetDto as SendBackTargetSchema,
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

  @Post(':id/supplement-request')
  @HttpCode(200)
  @Audit('task.supplement-request', { target: 'task', keyInCommand: true })
  @ApiOperation({
    summary: 'Yêu cầu bổ sung: the step asks the applicant for everything missing, once',
    description:
      "By whoever may complete the step. The dossier's clock (and its open steps') waits for the supplement " +
      '(deadline event `paused`, hold `supplement`) until POST /dossiers/{idOrCode}/supplement-received restarts ' +
      'the time limit from zero. A second request while one is open: 409 `supplement-pending`.',
  })
  @ApiOkResponse({ type: TaskSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  requestSupplement(
    @Param('id') id: string,
    @Body() body: SupplementRequestBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskDto> {
    return this.tasks.requestSupplement(id, body, principal);
  }

  @Post(':id/send-back')
  @HttpCode(200)
  @Audit('task.send-back', { target: 'task', keyInCommand: true })
  @ApiOperation({
    summary:
      'Trả lại bước trước: a leader of the unit moves the dossier back to an earlier step, with a reason',
    description:
      'The step ends cancelled; the target (an earlier user task the dossier passed, of the same scope and ' +
      'branch: GET /tasks/{id}/send-back-targets) opens again with a new allotted time. Another target: 422.',
  })
  @ApiOkResponse({ type: TaskCompletionSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  sendBack(
    @Param('id') id: string,
    @Body() body: SendBackBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskCompletionDto> {
    return this.tasks.sendBack(id, body, principal);
  }

  @Get(':id/send-back-targets')
  @ApiOperation({ summary: 'The earlier steps a leader can send the dossier back to from this step' })
  @ApiOkResponse({ type: [SendBackTargetSchema] })
  @ApiProblemResponses(403, 404)
  sendBackTargets(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SendBackTargetDto[]> {
    return this.tasks.sendBackTargets(id, principal);
  }
}
