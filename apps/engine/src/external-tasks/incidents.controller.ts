import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import type { TaskDto } from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import { IncidentListQuery, RetryIncidentBody, TaskDto as TaskSchema } from '../tasks/task.dto';
import { ExternalTasksService } from './external-tasks.service';

@ApiTags('external tasks')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly external: ExternalTasksService) {}

  @Get()
  @ApiOperation({ summary: 'External tasks out of retries, waiting for an administrator' })
  @ApiOkResponse({ type: [TaskSchema] })
  @ApiProblemResponses(403)
  list(@Query() query: IncidentListQuery, @CurrentPrincipal() principal: Principal): Promise<TaskDto[]> {
    return this.external.incidents(principal, query.unit);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @Audit('incident.retry', { target: 'task' })
  @ApiOperation({ summary: 'Give the task new retries: agency systems fetch it again' })
  @ApiOkResponse({ type: TaskSchema })
  @ApiProblemResponses(400, 403, 404, 409)
  retry(
    @Param('id') id: string,
    @Body() body: RetryIncidentBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TaskDto> {
    return this.external.retryIncident(id, principal, body.retries);
  }
}
