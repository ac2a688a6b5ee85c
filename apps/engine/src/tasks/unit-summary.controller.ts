import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UnitSummaryDto } from '@lienthong/contracts';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import { UnitSummaryDto as UnitSummarySchema } from './task.dto';
import { TasksService } from './tasks.service';

/** The leader's page of a unit: its steps by deadline and its on-time rate this month. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('units')
export class UnitSummaryController {
  constructor(private readonly tasks: TasksService) {}

  @Get(':code/summary')
  @ApiOperation({
    summary: "A leader's summary of their unit: overdue and due-soon open steps, on-time rate this month",
    description:
      "Open user tasks overdue or due soon at the engine's instant (from their due instants), earliest due " +
      "first; the on-time rate of the unit's steps completed this calendar month (Vietnam time) that had " +
      'an allotted time: (early + on time) / completed. Another unit: 404.',
  })
  @ApiOkResponse({ type: UnitSummarySchema })
  @ApiProblemResponses(403, 404)
  summary(@Param('code') code: string, @CurrentPrincipal() principal: Principal): Promise<UnitSummaryDto> {
    return this.tasks.unitSummary(code, principal);
  }
}
