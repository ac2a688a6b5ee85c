import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type * as C from '@lienthong/contracts';
import { Audit } from '../audit/audit.decorator';
import { badRequest } from '../common/problem';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { CurrentActor } from '../identity/actor.decorator';
import type { Actor } from '../identity/actor';
import { RequireRoles } from '../identity/auth.decorators';
import { MigrationPlanDto, MigrationRequestBody, MigrationResultDto } from './version-migration.dto';
import { VersionMigrationService } from './version-migration.service';

@ApiTags('migrations')
@ApiBearerAuth()
@Controller('migrations')
export class VersionMigrationController {
  constructor(private readonly migrations: VersionMigrationService) {}

  @Post('plan')
  @HttpCode(200)
  @RequireRoles('publisher')
  @ApiOperation({
    summary: 'Preview moving running dossiers to another version (role publisher); changes nothing',
    description:
      'Proposes a mapping of the elements the dossiers wait at (same id, else the only element of the same kind with the same name; `mapping` wins), lists the unmapped ones, and for each dossier its steps with their due instants now and on the target version, or why it cannot move.',
  })
  @ApiOkResponse({ type: MigrationPlanDto })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  plan(@Body() body: MigrationRequestBody): Promise<C.MigrationPlanDto> {
    return this.migrations.plan(body);
  }

  @Post('execute')
  @HttpCode(200)
  @RequireRoles('publisher')
  @Audit('definition.migrate', { target: 'definition' })
  @ApiOperation({
    summary: 'Move running dossiers to another version (role publisher)',
    description:
      'Each dossier in its own transaction guarded by its revision (and `expectedRevisions`): open steps moved to the mapped elements, deadlines recomputed on the working-day calendar (a step keeps its start and the time it used; its due instant follows the target allotted time; the dossier its legal time limit), a `migrated` history event and an audit record. A dossier that cannot move is listed as failed with the reason and left as it was. Requires an Idempotency-Key: a retry gets the first answer.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: true })
  @ApiOkResponse({ type: MigrationResultDto })
  @ApiProblemResponses(400, 403, 404, 409, 422)
  execute(
    @Body() body: MigrationRequestBody,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<C.MigrationResultDto> {
    if (!key) {
      throw badRequest('Send an Idempotency-Key header: a retry of a migration must not run it twice.', [
        { path: 'Idempotency-Key', message: 'required' },
      ]);
    }
    return this.migrations.execute(body, actor);
  }
}
