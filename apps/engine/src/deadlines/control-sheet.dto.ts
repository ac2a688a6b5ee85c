import { ApiProperty } from '@nestjs/swagger';
import type * as C from '@lienthong/contracts';
import { ApplicantBody } from '../dossiers/dossier.dto';
import { TASK_STATUSES } from '../tasks/task.dto';
import { DeadlineEventDto, ExtensionDto, OUTCOMES } from './deadlines.dto';

export class ControlSheetDossierDto implements C.ControlSheetDossierDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '000.00.02.H20-261122-0001' })
  code!: string;

  @ApiProperty({ example: 'Tách thửa hoặc hợp thửa đất' })
  procedureName!: string;

  @ApiProperty({ type: ApplicantBody })
  applicant!: ApplicantBody;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ example: 'DTP-TTHCC' })
  receivingUnit!: string;

  @ApiProperty({ type: String, nullable: true, example: '12d' })
  legalTimeLimit!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  appointmentAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ enum: OUTCOMES, enumName: 'Outcome', nullable: true })
  outcome!: C.OutcomeDto | null;

  @ApiProperty({ type: ExtensionDto, nullable: true })
  extension!: ExtensionDto | null;
}

export class ControlSheetStepDto implements C.ControlSheetStepDto {
  @ApiProperty({ format: 'uuid' })
  taskId!: string;

  @ApiProperty({ example: 'tham-dinh' })
  nodeId!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ type: String, nullable: true })
  unit!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Who handled the step' })
  officer!: string | null;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  dueAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  allottedTime!: string | null;

  @ApiProperty({ type: Number, nullable: true })
  workedMinutes!: number | null;

  @ApiProperty({ enum: OUTCOMES, enumName: 'Outcome', nullable: true })
  outcome!: C.OutcomeDto | null;

  @ApiProperty({ enum: TASK_STATUSES, enumName: 'TaskStatus' })
  status!: C.TaskStatus;
}

/** Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over of the dossier. */
export class ControlSheetDto implements C.ControlSheetDto {
  @ApiProperty({ type: ControlSheetDossierDto })
  dossier!: ControlSheetDossierDto;

  @ApiProperty({ type: [ControlSheetStepDto] })
  steps!: ControlSheetStepDto[];

  @ApiProperty({ type: [DeadlineEventDto] })
  events!: DeadlineEventDto[];
}
