import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PageDto, TaskCompletionDto, TaskDto } from '@lienthong/contracts';
import { CurrentActor } from '../runtime/actor.decorator';
import type { Actor } from '../runtime/process-runtime.service';
import { BpmnErrorBody, CompleteTaskBody, ExternalTaskListQuery, TaskListQuery } from './task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'List user tasks (filters: dossierId, unit, status), oldest first' })
  list(@Query() query: TaskListQuery): Promise<PageDto<TaskDto>> {
    return this.tasks.list({ ...query, kind: 'user' });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user task, with its form' })
  get(@Param('id') id: string): Promise<TaskDto> {
    return this.tasks.get(id, 'user');
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Complete a user task with variables (checked against its form)' })
  complete(
    @Param('id') id: string,
    @Body() body: CompleteTaskBody,
    @CurrentActor() actor: Actor,
  ): Promise<TaskCompletionDto> {
    return this.tasks.complete(id, body.variables, actor, 'user');
  }
}

@ApiTags('external tasks')
@Controller('external-tasks')
export class ExternalTasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'List external tasks (service tasks done by agency systems)' })
  list(@Query() query: ExternalTaskListQuery): Promise<PageDto<TaskDto>> {
    return this.tasks.list({ ...query, status: query.status ?? 'active', kind: 'external' });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One external task' })
  get(@Param('id') id: string): Promise<TaskDto> {
    return this.tasks.get(id, 'external');
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report an external task done, with its result variables' })
  complete(
    @Param('id') id: string,
    @Body() body: CompleteTaskBody,
    @CurrentActor() actor: Actor,
  ): Promise<TaskCompletionDto> {
    return this.tasks.complete(id, body.variables, actor, 'external');
  }

  @Post(':id/bpmn-error')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report a business error, caught by an error boundary event of the step' })
  bpmnError(
    @Param('id') id: string,
    @Body() body: BpmnErrorBody,
    @CurrentActor() actor: Actor,
  ): Promise<TaskCompletionDto> {
    return this.tasks.bpmnError(id, body, actor);
  }
}
