import { applyDecorators, Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type * as C from '@lienthong/contracts';
import { ApiPageResponse } from '../common/pagination/api-page-response.decorator';
import type { Page } from '../common/pagination/cursor.util';
import { ApiProblemResponses } from '../common/problem/api-problem.decorator';
import { Audit } from '../audit/audit.decorator';
import { CurrentPrincipal } from '../identity/auth.decorators';
import type { Principal } from '../identity/principal';
import { table06a, tableLateList } from './report-tables';
import {
  CreateReportSettingBody,
  type ExportFormat,
  Indicators766Dto,
  LateListDto,
  LateListQuery,
  LateStepDto,
  LateStepsQuery,
  Report06aDrillQuery,
  Report06aDto,
  Report06aQuery,
  ReportDossierDto,
  ReportNowDrillQuery,
  ReportNowDto,
  ReportNowQuery,
  ReportQuery,
  ReportSettingDto,
  StepReportDto,
  StepReportQuery,
} from './reports.dto';
import { ReportsService } from './reports.service';
import { attachment, CSV_CONTENT_TYPE, type Table, toCsv, toXlsx, XLSX_CONTENT_TYPE } from './spreadsheet';

/** A report answered as JSON, or as the form in CSV or XLSX with `?format=`. */
function ApiReportResponse(model: new () => unknown): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description: 'The report (JSON), or with format=csv|xlsx the form as a file to download',
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        'text/csv': { schema: { type: 'string' } },
        [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
      },
    }),
  );
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  private async send<T>(
    report: T,
    format: ExportFormat | undefined,
    reply: FastifyReply,
    table: (report: T) => Table,
    fileName: string,
  ): Promise<T | Buffer | string> {
    if (format === undefined || format === 'json') return report;
    reply.header('content-disposition', attachment(`${fileName}.${format}`));
    if (format === 'csv') {
      reply.header('content-type', CSV_CONTENT_TYPE);
      return toCsv(table(report));
    }
    reply.header('content-type', XLSX_CONTENT_TYPE);
    return toXlsx(table(report));
  }

  @Get('06a')
  @ApiOperation({
    summary: 'Report form 06a (Circular 01/2018): received, resolved, in progress, for a period, by group',
    description:
      'Every figure drills down to its dossiers (GET /reports/06a/dossiers). Leaders: their unit and below; the province office: every unit.',
  })
  @ApiReportResponse(Report06aDto)
  @ApiProblemResponses(400, 403, 404)
  async form06a(
    @Query() query: Report06aQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<C.Report06aDto | Buffer | string> {
    const report = await this.reports.report06a(query, principal);
    return this.send(
      report,
      query.format,
      reply,
      table06a,
      `Báo cáo mẫu 06a từ ${query.from} đến ${query.to}`,
    );
  }

  @Get('06a/dossiers')
  @ApiOperation({ summary: 'The dossiers behind one figure of one row of form 06a (as many as the figure)' })
  @ApiPageResponse(ReportDossierDto)
  @ApiProblemResponses(400, 403, 404)
  drill(
    @Query() query: Report06aDrillQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<C.ReportDossierDto>> {
    return this.reports.drill(query, principal);
  }

  @Get('steps')
  @ApiOperation({
    summary:
      'Steps by unit or officer: outcomes and time against the allotted time (Circular 01/2018 art. 13)',
  })
  @ApiOkResponse({ type: StepReportDto })
  @ApiProblemResponses(400, 403, 404)
  steps(@Query() query: StepReportQuery, @CurrentPrincipal() principal: Principal): Promise<C.StepReportDto> {
    return this.reports.steps(query, principal);
  }

  @Get('late-list')
  @ApiOperation({
    summary:
      'The monthly list of units and officers with late steps, their late rate and level (thresholds: report settings)',
  })
  @ApiReportResponse(LateListDto)
  @ApiProblemResponses(400, 403, 404)
  async lateList(
    @Query() query: LateListQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<C.LateListDto | Buffer | string> {
    const list = await this.reports.lateList(query, principal);
    return this.send(list, query.format, reply, tableLateList, `Danh sách trễ hạn tháng ${query.month}`);
  }

  @Get('late-list/steps')
  @ApiOperation({
    summary: 'The late steps of a line of the late list, with the apology sent for the dossier',
  })
  @ApiPageResponse(LateStepDto)
  @ApiProblemResponses(400, 403, 404)
  lateSteps(
    @Query() query: LateStepsQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<C.LateStepDto>> {
    return this.reports.lateSteps(query, principal);
  }

  @Get('766')
  @ApiOperation({
    summary: 'Decision 766/QĐ-TTg, group "progress and results of handling": per unit and month',
  })
  @ApiOkResponse({ type: Indicators766Dto })
  @ApiProblemResponses(400, 403, 404)
  indicators766(
    @Query() query: ReportQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<C.Indicators766Dto> {
    return this.reports.indicators766(query, principal);
  }

  @Get('now')
  @ApiOperation({
    summary: 'The open dossiers now: how many, due soon and overdue (the deadline sweep’s marks)',
  })
  @ApiOkResponse({ type: ReportNowDto })
  @ApiProblemResponses(400, 403, 404)
  now(@Query() query: ReportNowQuery, @CurrentPrincipal() principal: Principal): Promise<C.ReportNowDto> {
    return this.reports.now(query, principal);
  }

  @Get('now/dossiers')
  @ApiOperation({ summary: 'The open dossiers due soon or overdue now, in order of reception' })
  @ApiPageResponse(ReportDossierDto)
  @ApiProblemResponses(400, 403, 404)
  nowDossiers(
    @Query() query: ReportNowDrillQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Page<C.ReportDossierDto>> {
    return this.reports.nowDrill(query, principal);
  }

  @Get('settings')
  @ApiOperation({
    summary: 'The report settings with their effective dates, newest first (the history of the choices)',
  })
  @ApiOkResponse({ type: [ReportSettingDto] })
  @ApiProblemResponses(403)
  settings(@CurrentPrincipal() principal: Principal): Promise<C.ReportSettingDto[]> {
    return this.reports.settings(principal);
  }

  @Put('settings')
  @Audit('report.setting')
  @ApiOperation({
    summary: 'Add a report setting from a date: the one in force then ends the day before',
    description:
      'History is never edited: the date is today or later (422 effective-date-past) and after the last setting’s start (409). Admin or the province office (publisher).',
  })
  @ApiOkResponse({ type: ReportSettingDto })
  @ApiProblemResponses(400, 403, 409, 422)
  addSetting(
    @Body() body: CreateReportSettingBody,
    @CurrentPrincipal() principal: Principal,
  ): Promise<C.ReportSettingDto> {
    return this.reports.addSetting(body, principal);
  }
}
