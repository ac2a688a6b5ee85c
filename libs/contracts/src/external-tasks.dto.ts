import type { VariablesDto } from './json.dto';
import type { PageQueryDto } from './page.dto';
import type { TaskStatus } from './task-status.dto';

export interface FetchTopicDto {
  topicName: string;
  /** Milliseconds the tasks stay locked for this worker. */
  lockDuration: number;
}

export interface FetchAndLockDto {
  workerId: string;
  maxTasks: number;
  topics: FetchTopicDto[];
  /** Long polling: wait up to this many ms (at most 300000) for a task. */
  asyncResponseTimeout?: number;
}

/** An external task fetched and locked by a worker, with the dossier's variables. */
export interface LockedTaskDto {
  id: string;
  topicName: string;
  workerId: string;
  lockExpiresAt: string;
  dossierId: string;
  dossierCode: string;
  definitionKey: string;
  nodeId: string;
  name: string | null;
  unit: string | null;
  retries: number | null;
  errorMessage: string | null;
  createdAt: string;
  /** The dossier's variables, with the step's local ones over them. */
  variables: VariablesDto;
}

export interface FailureDto {
  workerId: string;
  errorMessage?: string;
  errorDetails?: string;
  /** Retries left; 0 raises an incident. */
  retries: number;
  /** Milliseconds before the task may be fetched again. */
  retryTimeout?: number;
}

export interface ExtendLockDto {
  workerId: string;
  /** New lock duration from now, ms. */
  newDuration: number;
}

export interface RetryIncidentDto {
  retries: number;
}

export interface ExternalTaskListQueryDto extends PageQueryDto {
  dossierId?: string;
  topic?: string;
  status?: TaskStatus;
}

export interface IncidentListQueryDto {
  unit?: string;
}
