import { Audit } from '../audit/audit.decorator';
import { RequireRoles } from '../identity/auth.decorators';
import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { formatWorkingDuration, parseWorkingDuration, type WorkingCalendar } from '@lienthong/calendar';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { badRequest } from '../common/problem/problem.exception';
import type { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/actor.decorator';
import {
  CalendarAddQuery,
  CalendarAddResponse,
  CalendarBetweenQuery,
  CalendarBetweenResponse,
  CalendarDecisionsResponse,
  CalendarHolidaysResponse,
  CalendarYearQuery,
  ReplaceDecisionsBody,
  ReplaceDecisionsResponse,
} from './calendar.dto';
import { CalendarService } from './calendar.service';
import { isCalendarInputError, parseCutoff, parseInstant } from './calendar.util';

function instantParam(name: string, value: string): Date {
  const instant = parseInstant(value);
  if (instant === undefined) {
    throw badRequest(
      `${name}: expected an ISO 8601 instant with its offset, e.g. 2026-02-13T09:00:00+07:00.`,
      [{ path: name, message: `not an ISO 8601 instant with offset or Z: ${JSON.stringify(value)}` }],
    );
  }
  return instant;
}

/** Runs calendar arithmetic; the library's input errors (range, duration) become 400 problems. */
function compute<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (isCalendarInputError(error)) throw badRequest(error.message, undefined, { cause: error });
    throw error;
  }
}

/**
 * The engine's working calendar: holidays, làm bù days, working-time arithmetic, and the official
 * decisions it is built from. Authorization: the PUT is open like the rest of the API until the identity
 * issue lands; it will then require a calendar administrator.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('holidays')
  @ApiOperation({
    summary: 'Ngày nghỉ lễ, Tết và ngày làm bù of a year',
    description:
      'Days off for holiday reasons (Labour Code art. 112 holidays, art. 111.3 compensatory days, days of ' +
      'breaks fixed by official decisions; weekends are not listed), days worked by decision (làm bù) and ' +
      'the breaks the decisions fix, in the calendar in force.',
  })
  @ApiOkResponse({ type: CalendarHolidaysResponse })
  @ApiProblemResponses(400)
  holidays(@Query() query: CalendarYearQuery): CalendarHolidaysResponse {
    return this.calendar.holidaysOf(query.year);
  }

  @Get('add')
  @ApiOperation({
    summary: 'Add working time to an instant (hạn xử lý)',
    description:
      '`result` = `from` (or, with `cutoff`, its counting start) plus `duration` of working time in the ' +
      'calendar in force. A result exactly at a closing stays there (Friday 16:30 + 30m = Friday 17:00).',
  })
  @ApiOkResponse({ type: CalendarAddResponse })
  @ApiProblemResponses(400)
  add(@Query() query: CalendarAddQuery): CalendarAddResponse {
    const from = instantParam('from', query.from);
    const minutes = compute(() => parseWorkingDuration(query.duration));
    const cutoff = query.cutoff === undefined ? undefined : parseCutoff(query.cutoff);
    if (query.cutoff !== undefined && cutoff === undefined) {
      throw badRequest('cutoff: expected none, last-office-hour or a time of day HH:MM.', [
        { path: 'cutoff', message: `not a cut-off rule: ${JSON.stringify(query.cutoff)}` },
      ]);
    }
    const calendar: WorkingCalendar = this.calendar.current();
    return compute(() => {
      const start = cutoff === undefined ? undefined : calendar.countingStart(from, cutoff);
      const result = calendar.addWorkingTime(start ?? from, minutes);
      return {
        from: from.toISOString(),
        duration: query.duration,
        minutes,
        ...(start === undefined ? {} : { countingStart: start.toISOString() }),
        result: result.toISOString(),
        calendarVersion: calendar.version,
      };
    });
  }

  @Get('between')
  @ApiOperation({
    summary: 'Working time between two instants',
    description:
      'Working minutes from `from` to `to` in the calendar in force (negative when `to` is earlier).',
  })
  @ApiOkResponse({ type: CalendarBetweenResponse })
  @ApiProblemResponses(400)
  between(@Query() query: CalendarBetweenQuery): CalendarBetweenResponse {
    const from = instantParam('from', query.from);
    const to = instantParam('to', query.to);
    const calendar: WorkingCalendar = this.calendar.current();
    return compute(() => {
      const minutes = calendar.workingMinutesBetween(from, to);
      return {
        from: from.toISOString(),
        to: to.toISOString(),
        minutes,
        duration: formatWorkingDuration(minutes),
        calendarVersion: calendar.version,
      };
    });
  }

  @Get('decisions')
  @ApiOperation({
    summary: 'The official decisions of a year in force',
    description:
      'Decisions placing Tết and the national-day break for civil servants and swapping working days, as ' +
      'stored through this API, or the data shipped with the engine while none was ever stored.',
  })
  @ApiOkResponse({ type: CalendarDecisionsResponse })
  @ApiProblemResponses(400)
  decisions(@Query() query: CalendarYearQuery): CalendarDecisionsResponse {
    return this.calendar.decisionsOf(query.year);
  }

  @Put('decisions/:year')
  @RequireRoles('admin')
  @Audit('calendar.replace', { target: 'calendar', param: 'year' })
  @ApiOperation({
    summary: 'Replace the official decisions of a year',
    description:
      'Replaces every decision of the year, in one transaction with an audit record; the new calendar is ' +
      'in force at once in every engine process, and the engine is told to recompute open deadlines. ' +
      'Sending the decisions already in force changes nothing (`changed: false`). Role admin.',
  })
  @ApiParam({ name: 'year', type: Number, example: 2027 })
  @ApiOkResponse({ type: ReplaceDecisionsResponse })
  @ApiProblemResponses(400, 422)
  async replace(
    @Param('year', ParseIntPipe) year: number,
    @Body() body: ReplaceDecisionsBody,
    @CurrentActor() actor: Actor,
  ): Promise<ReplaceDecisionsResponse> {
    const result = await this.calendar.replaceYear(year, body.decisions, actor.id, body.reason);
    return {
      ...result.holidays,
      changed: result.changed,
      previousVersion: result.previousVersion,
      decisionsVersion: result.decisionsVersion,
      changeId: result.changeId,
      decisions: result.decisions,
    };
  }
}
