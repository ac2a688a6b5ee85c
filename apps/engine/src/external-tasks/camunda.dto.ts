import { ApiProperty, type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import type * as C from '@lienthong/contracts';

// OpenAPI documentation of Camunda 7's shapes: the controller reads the raw bodies itself (Camunda's
// validation and error messages), so these classes carry no class-validator rules.

/** Camunda typed variables: `{ "taxAmount": { "value": 12500000, "type": "Long" } }`. */
const TYPED_VARIABLES: ApiPropertyOptions = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['value'],
    properties: {
      value: { description: 'Any JSON value' },
      type: { type: 'string', example: 'Long' },
      valueInfo: { type: 'object', additionalProperties: true },
    },
  },
};

export class CamundaFetchTopicBody implements C.CamundaFetchTopicDto {
  @ApiProperty({ example: 'tax-assessment' })
  topicName!: string;

  @ApiProperty({ example: 60000 })
  lockDuration!: number;
}

export class CamundaFetchAndLockBody implements C.CamundaFetchAndLockDto {
  @ApiProperty({ example: 'thue-worker-1' })
  workerId!: string;

  @ApiProperty({ example: 10 })
  maxTasks!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 20000 })
  asyncResponseTimeout?: number | null;

  @ApiProperty({ type: [CamundaFetchTopicBody] })
  topics!: CamundaFetchTopicBody[];
}

export class CamundaLockedTaskDto implements C.CamundaLockedTaskDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'tax-assessment' })
  topicName!: string;

  @ApiProperty()
  workerId!: string;

  @ApiProperty({ format: 'date-time' })
  lockExpirationTime!: string;

  @ApiProperty({ format: 'uuid', description: 'The dossier' })
  processInstanceId!: string;

  @ApiProperty({ example: 'tach-thua-dat' })
  processDefinitionKey!: string;

  @ApiProperty({ type: String, nullable: true })
  processDefinitionId!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: [null] })
  processDefinitionVersionTag!: null;

  @ApiProperty()
  activityId!: string;

  @ApiProperty({ type: String, nullable: true })
  activityInstanceId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  executionId!: string | null;

  @ApiProperty({ description: "The dossier's code" })
  businessKey!: string;

  @ApiProperty({ type: Number, nullable: true })
  retries!: number | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: [null] })
  errorDetails!: null;

  @ApiProperty({ example: 0 })
  priority!: number;

  @ApiProperty({ type: String, nullable: true, enum: [null] })
  tenantId!: null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  extensionProperties!: Record<string, string>;

  @ApiProperty(TYPED_VARIABLES)
  variables!: C.CamundaVariablesDto;
}

export class CamundaCompleteBody implements C.CamundaCompleteDto {
  @ApiProperty()
  workerId!: string;

  @ApiPropertyOptional(TYPED_VARIABLES)
  variables?: C.CamundaVariablesDto;

  @ApiPropertyOptional(TYPED_VARIABLES)
  localVariables?: C.CamundaVariablesDto;
}

export class CamundaFailureBody implements C.CamundaFailureDto {
  @ApiProperty()
  workerId!: string;

  @ApiPropertyOptional()
  errorMessage?: string;

  @ApiPropertyOptional()
  errorDetails?: string;

  @ApiPropertyOptional({ example: 2, default: 0 })
  retries?: number;

  @ApiPropertyOptional({ example: 30000, default: 0 })
  retryTimeout?: number;
}

export class CamundaBpmnErrorBody implements C.CamundaBpmnErrorDto {
  @ApiProperty()
  workerId!: string;

  @ApiProperty({ example: 'TAX_SYSTEM_DOWN' })
  errorCode!: string;

  @ApiPropertyOptional()
  errorMessage?: string;

  @ApiPropertyOptional(TYPED_VARIABLES)
  variables?: C.CamundaVariablesDto;
}

export class CamundaExtendLockBody implements C.CamundaExtendLockDto {
  @ApiProperty()
  workerId!: string;

  @ApiProperty({ example: 60000 })
  newDuration!: number;
}
