import { Audit } from '../audit/audit.decorator';
import { RequireRoles } from '../identity/auth.decorators';
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  DefinitionDto,
  DefinitionSummaryDto,
  DefinitionVersionDto,
  DeployResultDto,
  PageDto,
} from '@lienthong/contracts';
import { ApiPageResponse } from '../common/pagination';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { Consumes } from '../common/http/consumes.decorator';
import { ProblemException } from '../common/problem';
import {
  DefinitionDto as DefinitionSchema,
  DefinitionListQuery,
  DefinitionSummaryDto as DefinitionSummarySchema,
  DefinitionVersionDto as DefinitionVersionSchema,
  DeployResultDto as DeployResultSchema,
  PublishDefinitionBody,
  ValidationResultDto,
} from './definitions.dto';
import { CurrentActor } from '../identity/actor.decorator';
import type { Actor } from '../identity/actor';
import { DefinitionsService } from './definitions.service';

function notXml(): ProblemException {
  return ProblemException.of(
    415,
    'unsupported-media-type',
    'Unsupported media type',
    'Send the BPMN XML as the body with Content-Type: application/xml.',
  );
}

const XML_BODY = {
  schema: { type: 'string', example: '<?xml version="1.0"?><bpmn:definitions …>' },
} as const;

@ApiTags('definitions')
@ApiBearerAuth()
@Controller('definitions')
export class DefinitionsController {
  constructor(private readonly definitions: DefinitionsService) {}

  @Post()
  @RequireRoles('designer')
  @Audit('definition.deploy', { target: 'definition' })
  @ApiOperation({
    summary: 'Deploy a BPMN process as a new draft version (role designer)',
    description:
      'The body is BPMN 2.0 XML. Its executable process id is the definition key. Deploying the same XML as the latest version returns that version (200) instead of a new one (201).',
  })
  @Consumes('application/xml', 'text/xml', 'application/bpmn+xml')
  @ApiBody(XML_BODY)
  @ApiCreatedResponse({ type: DeployResultSchema, description: 'A new draft version' })
  @ApiOkResponse({
    type: DeployResultSchema,
    description: 'The same XML as the latest version: that version',
  })
  @ApiProblemResponses(400, 403, 415, 422)
  async deploy(
    @Body() xml: unknown,
    @Res({ passthrough: true }) res: FastifyReply,
    @CurrentActor() actor: Actor,
  ): Promise<DeployResultDto> {
    if (typeof xml !== 'string') throw notXml();
    const result = await this.definitions.deploy(xml, actor.id);
    res.status(result.created ? 201 : 200);
    return result;
  }

  @Post('validate')
  @HttpCode(200)
  @RequireRoles('designer', 'publisher')
  @ApiOperation({ summary: 'Validate BPMN XML without deploying it (used by the designer)' })
  @Consumes('application/xml', 'text/xml', 'application/bpmn+xml')
  @ApiBody(XML_BODY)
  @ApiOkResponse({ type: ValidationResultDto })
  @ApiProblemResponses(403, 415)
  async validate(@Body() xml: unknown): Promise<ValidationResultDto> {
    if (typeof xml !== 'string') throw notXml();
    return this.definitions.validate(xml);
  }

  @Get()
  @ApiOperation({ summary: 'List definition versions (ordered by key, version)' })
  @ApiPageResponse(DefinitionSummarySchema)
  @ApiProblemResponses(400)
  list(@Query() query: DefinitionListQuery): Promise<PageDto<DefinitionSummaryDto>> {
    return this.definitions.list({
      key: query.key,
      status: query.status,
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  @Get(':key/versions')
  @ApiOperation({
    summary:
      'Every version of a definition, newest first, with who deployed and published it, the decision and the dossiers running on it',
  })
  @ApiPageResponse(DefinitionVersionSchema)
  @ApiProblemResponses(404)
  async versions(@Param('key') key: string): Promise<PageDto<DefinitionVersionDto>> {
    return { items: await this.definitions.versions(key), nextCursor: null };
  }

  @Get(':key/versions/:version')
  @ApiOperation({ summary: 'One version of a definition, with its XML' })
  @ApiOkResponse({ type: DefinitionSchema, description: 'The definition version' })
  @ApiProblemResponses(404)
  get(@Param('key') key: string, @Param('version', ParseIntPipe) version: number): Promise<DefinitionDto> {
    return this.definitions.get(key, version);
  }

  @Post(':key/versions/:version/publish')
  @HttpCode(200)
  @RequireRoles('publisher')
  @Audit('definition.publish', { target: 'definition' })
  @ApiOperation({
    summary:
      "Publish a version (role publisher: the office of the People's Committee) with the decision that publishes it",
    description:
      'The stored XML is validated again. Dossiers received from `effectiveFrom` (Vietnam date, today or later; none: from now on) start on it; until then on the version in effect before. Running dossiers keep their version (see /migrations). The body is optional for scripts; the designer always sends the decision.',
  })
  @ApiBody({ type: PublishDefinitionBody, required: false })
  @ApiOkResponse({ type: DefinitionSummarySchema })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  publish(
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
    @Body() body: PublishDefinitionBody,
    @CurrentActor() actor: Actor,
  ): Promise<DefinitionSummaryDto> {
    return this.definitions.publish(key, version, body ?? {}, actor.id);
  }
}
