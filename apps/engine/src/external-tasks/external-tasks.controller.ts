import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPageResponse } from '../common/pagination';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import type { PageDto, TaskCompletionDto, TaskDto } from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import {
  BpmnErrorBody,
  CompleteTaskBody,
  ExtendLockBody,
  ExternalTaskListQuery,
  FailureBody,
  FetchAndLockBody,
  LockedTaskDto as LockedTaskSchema,
  TaskCompletionDto as TaskCompletionSchema,
  TaskDto as TaskSchema,
} from '../tasks/task.dto';
import { ExternalTasksService, type LockedTaskDto } from './external-tasks.service';
import { TasksService } from '../tasks/tasks.service';

@ApiTags('external tasks')
@ApiBearerAuth()
@Controller('external-tasks')
export class ExternalTasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly external: ExternalTasksService,
  ) {}

  @Post('fetch-and-lock')
  @HttpCode(200)
  @Audit('external_task.fetch_and_lock')
  @ApiOperation({
    summary:
      "Fetch and lock up to maxTasks free tasks of the key's unit and topics (long polling with asyncResponseTimeout)",
    description: 'No task is handed to two workers; a lock that expires makes the task available again.',
  })
  @ApiOkResponse({ type: [LockedTaskSchema] })
  @ApiProblemResponses(400, 403)
  fetchAndLock(
    @Body() body: FetchAndLockBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<LockedTaskDto[]> {
    return this.external.fetchAndLock(principal, body);
  }

  @Post(':id/failure')
  @HttpCode(200)
  @Audit('external_task.failure', { target: 'task' })
  @ApiOperation({
    summary: 'Report a failure: retried after retryTimeout while retries are left, else an incident',
  })
  @ApiOkResponse({ type: TaskSchema })
  @ApiProblemResponses(400, 403, 404, 409)
  failure(
    @Param('id') id: string,
    @Body() body: FailureBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskDto> {
    return this.external.failure(id, principal, body);
  }

  @Post(':id/extend-lock')
  @HttpCode(204)
  @Audit('external_task.extend_lock', { target: 'task' })
  @ApiOperation({ summary: 'Extend the lock of a task the worker holds' })
  @ApiNoContentResponse({ description: 'Done' })
  @ApiProblemResponses(403, 404, 409)
  async extendLock(
    @Param('id') id: string,
    @Body() body: ExtendLockBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    await this.external.extendLock(id, principal, body);
  }

  @Post(':id/unlock')
  @HttpCode(204)
  @Audit('external_task.unlock', { target: 'task' })
  @ApiOperation({ summary: 'Free a locked task at once' })
  @ApiNoContentResponse({ description: 'Done' })
  @ApiProblemResponses(403, 404, 409)
  async unlock(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.external.unlock(id, principal);
  }

  @Get()
  @ApiOperation({ summary: "External tasks of the caller's unit (service tasks done by agency systems)" })
  @ApiPageResponse(TaskSchema)
  @ApiProblemResponses(400)
  list(
    @Query() query: ExternalTaskListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PageDto<TaskDto>> {
    return this.tasks.list({ ...query, status: query.status ?? 'active', kind: 'external' }, principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One external task' })
  @ApiOkResponse({ type: TaskSchema })
  @ApiProblemResponses(404)
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TaskDto> {
    return this.tasks.get(id, 'external', principal);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Audit('external_task.complete', { target: 'task', keyInCommand: true })
  @ApiOperation({ summary: 'Report an external task done, with its result variables (API key of the unit)' })
  @ApiOkResponse({ type: TaskCompletionSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  complete(
    @Param('id') id: string,
    @Body() body: CompleteTaskBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskCompletionDto> {
    return this.tasks.complete(id, body.variables, principal, 'external', body.workerId);
  }

  @Post(':id/bpmn-error')
  @HttpCode(200)
  @Audit('external_task.bpmn_error', { target: 'task', keyInCommand: true })
  @ApiOperation({ summary: 'Report a business error, caught by an error boundary event of the step' })
  @ApiOkResponse({ type: TaskCompletionSchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  bpmnError(
    @Param('id') id: string,
    @Body() body: BpmnErrorBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskCompletionDto> {
    return this.tasks.bpmnError(id, body, principal);
  }
}
