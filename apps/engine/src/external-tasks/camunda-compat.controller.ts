import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CamundaLockedTaskDto as CamundaLockedTask } from '@lienthong/contracts';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { type FastifyReply } from 'fastify';
import { Audit } from '../audit/audit.decorator';
import { badRequest } from '../common/problem/problem.exception';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import { ExternalTasksService, type LockedTaskDto } from './external-tasks.service';
import { TasksService } from '../tasks/tasks.service';
import {
  CamundaBpmnErrorBody,
  CamundaCompleteBody,
  CamundaExtendLockBody,
  CamundaFailureBody,
  CamundaFetchAndLockBody,
  CamundaLockedTaskDto,
} from './camunda.dto';
import { fromTypedVariables, toTypedVariables, TypedVariableError } from './typed-variables.util';

/** The shape Camunda 7's REST API answers for a locked external task (defined in the contracts). */
export type { CamundaLockedTask };

type Raw = Record<string, unknown>;

function str(body: Raw, name: string, required = true): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw badRequest(`${name} is required.`, [{ path: name, message: 'required' }]);
    return undefined;
  }
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) {
    throw badRequest(`${name} must be a non-empty string.`, [{ path: name, message: 'must be a string' }]);
  }
  return value;
}

function int(body: Raw, name: string, min: number, max: number, fallback?: number): number {
  const value = body[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be an integer from ${min} to ${max}.`, [
      { path: name, message: 'out of range' },
    ]);
  }
  return value;
}

function typed(input: unknown, path: string) {
  try {
    return fromTypedVariables(input, path);
  } catch (error) {
    if (error instanceof TypedVariableError)
      throw badRequest(error.message, [{ path: error.path, message: error.message }]);
    throw error;
  }
}

function body(input: unknown): Raw {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw badRequest('The body must be a JSON object.');
  return input as Raw;
}

/**
 * Camunda 7's external-task REST API (`/engine-rest/external-task/...`), with its request and response
 * shapes (typed variables), over the same engine: the official `camunda-external-task-client-js` works
 * against Liên thông unchanged, authenticated by an interceptor that adds the unit's API key. Fields of
 * Camunda that mean nothing here (tenants, priorities, process variables filters) are accepted and ignored.
 */
@ApiTags('camunda 7 compatibility')
@ApiBearerAuth()
@Controller('engine-rest/external-task')
export class CamundaCompatController {
  constructor(
    private readonly external: ExternalTasksService,
    private readonly tasks: TasksService,
  ) {}

  @Post('fetchAndLock')
  @HttpCode(200)
  @Audit('external_task.fetch_and_lock')
  @ApiOperation({ summary: 'Camunda 7: fetch and lock external tasks' })
  @ApiBody({ type: CamundaFetchAndLockBody })
  @ApiOkResponse({ type: [CamundaLockedTaskDto] })
  @ApiProblemResponses(400, 403)
  async fetchAndLock(
    @Body() raw: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() res: FastifyReply,
  ): Promise<void> {
    const b = body(raw);
    const topicsRaw = b['topics'];
    if (!Array.isArray(topicsRaw) || topicsRaw.length === 0 || topicsRaw.length > 50) {
      throw badRequest('topics must be a non-empty list.', [{ path: 'topics', message: 'required' }]);
    }
    const input = {
      workerId: str(b, 'workerId')!,
      maxTasks: int(b, 'maxTasks', 1, 500),
      asyncResponseTimeout:
        b['asyncResponseTimeout'] === undefined || b['asyncResponseTimeout'] === null
          ? undefined
          : int(b, 'asyncResponseTimeout', 0, 1_800_000),
      topics: topicsRaw.map((t: unknown, i: number) => {
        const topic = body(t);
        return {
          topicName: str(topic, 'topicName')!,
          lockDuration: (() => {
            const d = topic['lockDuration'];
            if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 7 * 24 * 3_600_000) {
              throw badRequest(`topics[${i}].lockDuration must be a positive integer (ms).`, [
                { path: `topics[${i}].lockDuration`, message: 'required' },
              ]);
            }
            return d;
          })(),
        };
      }),
    };
    const locked = await this.external.fetchAndLock(principal, input);
    // Exactly `application/json`, no charset: the JS client parses the answer only then (as Camunda sends it).
    // Fastify would add `; charset=utf-8` to a string body: a Buffer goes out as it is.
    void res
      .status(200)
      .header('content-type', 'application/json')
      .send(Buffer.from(JSON.stringify(locked.map(toCamunda))));
  }

  @Post(':id/complete')
  @HttpCode(204)
  @Audit('external_task.complete', { target: 'task' })
  @ApiOperation({ summary: 'Camunda 7: complete an external task (typed variables and localVariables)' })
  @ApiBody({ type: CamundaCompleteBody })
  @ApiNoContentResponse({ description: 'Done' })
  @ApiProblemResponses(400, 403, 404, 409)
  async complete(
    @Param('id') id: string,
    @Body() raw: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const b = body(raw);
    const variables = {
      ...typed(b['variables'], 'variables'),
      ...typed(b['localVariables'], 'localVariables'),
    };
    await this.tasks.complete(id, variables, principal, 'external', str(b, 'workerId'));
  }

  @Post(':id/failure')
  @HttpCode(204)
  @Audit('external_task.failure', { target: 'task' })
  @ApiOperation({ summary: 'Camunda 7: report a failure (retries, retryTimeout)' })
  @ApiBody({ type: CamundaFailureBody })
  @ApiNoContentResponse({ description: 'Done' })
  @ApiProblemResponses(400, 403, 404, 409)
  async failure(
    @Param('id') id: string,
    @Body() raw: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const b = body(raw);
    await this.external.failure(id, principal, {
      workerId: str(b, 'workerId')!,
      errorMessage: str(b, 'errorMessage', false)?.slice(0, 2000),
      errorDetails: str(b, 'errorDetails', false),
      retries: int(b, 'retries', 0, 1000, 0),
      retryTimeout: int(b, 'retryTimeout', 0, 7 * 24 * 3_600_000, 0),
    });
  }

  @Post(':id/bpmnError')
  @HttpCode(204)
  @Audit('external_task.bpmn_error', { target: 'task' })
  @ApiOperation({ summary: 'Camunda 7: throw a BPMN error caught by an error boundary event' })
  @ApiBody({ type: CamundaBpmnErrorBody })
  @ApiNoContentResponse({ description: 'Done' })
  @ApiProblemResponses(400, 403, 404, 409)
  async bpmnError(
    @Param('id') id: string,
    @Body() raw: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const b = body(raw);
    await this.tasks.bpmnError(
      id,
      {
        workerId: str(b, 'workerId'),
        errorCode: str(b, 'errorCode')!,
        errorMessage: str(b, 'errorMessage', false),
        variables: typed(b['variables'], 'variables'),
      },
      principal,
    );
  }

  @Post(':id/extendLock')
  @HttpCode(204)
  @Audit('external_task.extend_lock', { target: 'task' })
  @ApiOperation({ summary: 'Camunda 7: extend the lock of a task the worker holds' })
  @ApiBody({ type: CamundaExtendLockBody })
  @ApiNoContentResponse({ description: 'Done' })
  @ApiProblemResponses(400, 403, 404, 409)
  async extendLock(
    @Param('id') id: string,
    @Body() raw: unknown,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const b = body(raw);
    await this.external.extendLock(id, principal, {
      workerId: str(b, 'workerId')!,
      newDuration: int(b, 'newDuration', 1, 7 * 24 * 3_600_000),
    });
  }

  @Post(':id/unlock')
  @HttpCode(204)
  @Audit('external_task.unlock', { target: 'task' })
  @ApiOperation({ summary: 'Camunda 7: unlock a task' })
  @ApiNoContentResponse({ description: 'Done' })
  @ApiProblemResponses(400, 403, 404, 409)
  async unlock(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.external.unlock(id, principal);
  }
}

function toCamunda(t: LockedTaskDto): CamundaLockedTask {
  return {
    id: t.id,
    topicName: t.topicName,
    workerId: t.workerId,
    lockExpirationTime: t.lockExpiresAt,
    processInstanceId: t.dossierId,
    processDefinitionKey: t.definitionKey,
    processDefinitionId: null,
    processDefinitionVersionTag: null,
    activityId: t.nodeId,
    activityInstanceId: null,
    executionId: null,
    businessKey: t.dossierCode,
    retries: t.retries,
    errorMessage: t.errorMessage,
    errorDetails: null,
    priority: 0,
    tenantId: null,
    extensionProperties: {},
    variables: toTypedVariables(t.variables),
  };
}
