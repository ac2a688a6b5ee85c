/**
 * Camunda 7's external-task REST API (`/engine-rest/external-task/...`), as the official
 * `camunda-external-task-client-js` sends and reads it. Fields of Camunda that mean nothing here
 * (tenants, priorities, process variable filters) are accepted and ignored.
 */

/** A Camunda typed variable: `{ "value": 12500000, "type": "Long" }`. */
export interface CamundaTypedValueDto {
  value: unknown;
  type?: string;
  valueInfo?: Record<string, unknown>;
}

export type CamundaVariablesDto = Record<string, CamundaTypedValueDto>;

export interface CamundaFetchTopicDto {
  topicName: string;
  lockDuration: number;
}

export interface CamundaFetchAndLockDto {
  workerId: string;
  maxTasks: number;
  asyncResponseTimeout?: number | null;
  topics: CamundaFetchTopicDto[];
}

/** A locked external task as Camunda 7 answers it: the dossier is the process instance, its code the business key. */
export interface CamundaLockedTaskDto {
  id: string;
  topicName: string;
  workerId: string;
  lockExpirationTime: string;
  processInstanceId: string;
  processDefinitionKey: string;
  processDefinitionId: string | null;
  processDefinitionVersionTag: null;
  activityId: string;
  activityInstanceId: string | null;
  executionId: string | null;
  businessKey: string;
  retries: number | null;
  errorMessage: string | null;
  errorDetails: null;
  priority: number;
  tenantId: null;
  extensionProperties: Record<string, string>;
  variables: CamundaVariablesDto;
}

export interface CamundaCompleteDto {
  workerId: string;
  variables?: CamundaVariablesDto;
  localVariables?: CamundaVariablesDto;
}

export interface CamundaFailureDto {
  workerId: string;
  errorMessage?: string;
  errorDetails?: string;
  retries?: number;
  retryTimeout?: number;
}

export interface CamundaBpmnErrorDto {
  workerId: string;
  errorCode: string;
  errorMessage?: string;
  variables?: CamundaVariablesDto;
}

export interface CamundaExtendLockDto {
  workerId: string;
  newDuration: number;
}
