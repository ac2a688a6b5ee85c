import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ControlSheetDto, DeadlineEventDto, DossierDto } from '@lienthong/contracts';
import { DossiersService } from '../dossiers/dossiers.service';
import { CurrentActor } from '../runtime/actor.decorator';
import type { Actor } from '../runtime/process-runtime.service';
import { ExtensionBody, PauseBody, ResumeBody } from './deadlines.dto';
import { DeadlinesService } from './deadlines.service';

@ApiTags('deadlines')
@Controller('dossiers')
export class DeadlinesController {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly dossiers: DossiersService,
  ) {}

  @Post(':idOrCode/pause')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Pause the dossier's legal clock for a period the law does not count (expert assessment, public posting…)",
  })
  async pause(
    @Param('idOrCode') idOrCode: string,
    @Body() body: PauseBody,
    @CurrentActor() actor: Actor,
  ): Promise<DossierDto> {
    const { row } = await this.deadlines.pause(idOrCode, body.reason, actor);
    return this.dossiers.get(row.id);
  }

  @Post(':idOrCode/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused clock with exactly the working time that was left' })
  async resume(
    @Param('idOrCode') idOrCode: string,
    @Body() body: ResumeBody,
    @CurrentActor() actor: Actor,
  ): Promise<DossierDto> {
    const { row } = await this.deadlines.resume(idOrCode, body.reason, actor);
    return this.dossiers.get(row.id);
  }

  @Post(':idOrCode/extension')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apologise and give a new return date (Phiếu xin lỗi và hẹn lại ngày trả kết quả)',
    description:
      'At least 1 working day before the due date, once per dossier; the dossier still counts as late.',
  })
  async extend(
    @Param('idOrCode') idOrCode: string,
    @Body() body: ExtensionBody,
    @CurrentActor() actor: Actor,
  ): Promise<DossierDto> {
    const { row } = await this.deadlines.extend(idOrCode, body, actor);
    return this.dossiers.get(row.id);
  }

  @Get(':idOrCode/deadline-events')
  @ApiOperation({
    summary: 'Pauses, restarts, extensions, recomputations and due-soon/overdue transitions of a dossier',
  })
  events(@Param('idOrCode') idOrCode: string): Promise<DeadlineEventDto[]> {
    return this.deadlines.events(idOrCode);
  }

  @Get(':idOrCode/control-sheet')
  @ApiOperation({ summary: 'The process control record (Phiếu kiểm soát quá trình giải quyết hồ sơ)' })
  controlSheet(@Param('idOrCode') idOrCode: string): Promise<ControlSheetDto> {
    return this.deadlines.controlSheet(idOrCode);
  }
}
