import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { LockedTaskDto, TaskDto } from '@lienthong/contracts';
import { filter, firstValueFrom, map, merge, race, Subject, take, timer } from 'rxjs';
import { NotificationListener } from '../database/notification-listener.util';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { conflict, notFound, unprocessable } from '../common/problem/problem.exception';
import { iso } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { forbidden } from '../identity/auth.problems';
import { Authz } from '../identity/authz.service';
import { actorOf, hasRole, type Principal } from '../identity/principal';
import { DomainEvents, EXTERNAL_TASKS_CHANNEL } from '../runtime/domain-events';
import { assertLockHolder, TasksService } from '../tasks/tasks.service';
import { Clock } from '../common/clock/clock';
import { type ExternalRow, ExternalTasksRepository } from './external-tasks.repository';

export interface FetchTopic {
  topicName: string;
  /** Milliseconds. */
  lockDuration: number;
}

export interface FetchAndLockInput {
  workerId: string;
  maxTasks: number;
  topics: FetchTopic[];
  /** Long polling: wait up to this many milliseconds for a task when none is available. */
  asyncResponseTimeout?: number;
}

export type { LockedTaskDto };

/** Longest long poll, whatever the worker asks (Camunda's limit is 30 minutes; proxies rarely allow that). */
export const MAX_LONG_POLL_MS = 5 * 60_000;

/**
 * External tasks worked by agency systems, Camunda-style: fetch-and-lock (long polling), complete and
 * BPMN error by the lock holder (TasksService), failure with retries (none left: an incident for admins),
 * extend-lock and unlock. A lock is wall-clock time; an expired lock frees the task for any worker.
 */
@Injectable()
export class ExternalTasksService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ExternalTasksService.name);
  private closing = false;
  /** Topics of external tasks that became free in any engine process (EXTERNAL_TASKS_CHANNEL). */
  private readonly freed = new Subject<string>();
  private readonly listener: NotificationListener;

  constructor(
    private readonly db: Db,
    private readonly externalTasks: ExternalTasksRepository,
    private readonly tasks: TasksService,
    private readonly authz: Authz,
    private readonly events: DomainEvents,
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.listener = new NotificationListener({
      channel: EXTERNAL_TASKS_CHANNEL,
      connect: () => this.db.connect('lienthong-external-tasks-listener'),
      onNotification: (topic) => {
        if (topic !== undefined) this.freed.next(topic);
      },
      // The waiting long polls look again by themselves (JOB_POLL_MS).
      poll: () => Promise.resolve(),
      pollMs: config.jobs.pollMs,
      retryMs: 1_000,
      maxRetryMs: 15_000,
      logger: this.logger,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.listener.stop();
  }

  async fetchAndLock(principal: Principal, input: FetchAndLockInput): Promise<LockedTaskDto[]> {
    checkFetch(input);
    if (principal.kind !== 'api_key') {
      throw forbidden(
        'External tasks are fetched by the agency system of a unit (an API key).',
        'NOT_A_WORKER',
      );
    }
    const topics = input.topics.map((t) => t.topicName);
    const refused = principal.topics ? topics.filter((t) => !principal.topics!.includes(t)) : [];
    if (refused.length > 0) {
      throw forbidden(`This API key may not work on topic(s) ${refused.join(', ')}.`, 'TOPIC_NOT_ALLOWED');
    }
    const deadline = this.clock.machineMs() + Math.min(input.asyncResponseTimeout ?? 0, MAX_LONG_POLL_MS);
    for (;;) {
      const locked = await this.lock(principal.unit, input);
      if (locked.length > 0 || this.clock.machineMs() >= deadline || this.closing) return locked;
      // Wake on a task of one of the topics made free in any engine process (NOTIFY), or here (at once,
      // without waiting for the notification), or look again after JOB_POLL_MS: a lock that expired or a
      // retry delay that ran out frees a task without any notification.
      const wait = Math.min(this.config.jobs.pollMs, deadline - this.clock.machineMs());
      const local = this.events.stream.pipe(
        filter((e) => e.type === 'task.created' && e.kind === 'external'),
        map((e) => (e as { topic?: string }).topic ?? ''),
      );
      await firstValueFrom(
        race(
          merge(local, this.freed).pipe(
            filter((topic) => topics.includes(topic)),
            take(1),
          ),
          timer(wait),
        ),
      );
    }
  }

  /** Locks up to maxTasks free tasks of the unit, oldest first, in one statement (SKIP LOCKED: no task to two workers). */
  private async lock(unit: string, input: FetchAndLockInput): Promise<LockedTaskDto[]> {
    const rows = await this.externalTasks.lock(
      unit,
      input.topics.map((t) => t.topicName),
      input.topics.map((t) => t.lockDuration),
      input.maxTasks,
      input.workerId,
    );
    return rows.map((r) => ({
      id: r.id,
      topicName: r.topic,
      workerId: r.worker_id,
      lockExpiresAt: iso(r.lock_expires_at) as string,
      dossierId: r.dossier_id,
      dossierCode: r.dossier_code,
      definitionKey: r.definition_key,
      nodeId: r.node_id,
      name: r.name,
      unit: r.unit,
      retries: r.retries,
      errorMessage: r.error_message,
      createdAt: iso(r.created_at) as string,
      variables: r.variables ?? {},
    }));
  }

  /**
   * A worker could not do the task: with retries left it is fetched again after `retryTimeout` ms; with
   * none it becomes an incident an admin resolves (POST /incidents/{id}/retry).
   */
  async failure(
    id: string,
    principal: Principal,
    input: {
      workerId: string;
      errorMessage?: string;
      errorDetails?: string;
      retries: number;
      retryTimeout?: number;
    },
  ): Promise<TaskDto> {
    await this.db.transaction(async (sql) => {
      const task = await this.load(sql, id, principal);
      assertLockHolder({ ...task, kind: 'external' }, input.workerId, this.clock.machineNow());
      const incident = input.retries <= 0;
      // Free again at once (no retry delay, retries left): wake the waiting workers.
      await this.externalTasks.fail(sql, id, {
        retries: Math.max(0, input.retries),
        errorMessage: input.errorMessage ?? null,
        errorDetails: input.errorDetails ?? null,
        retryTimeout: input.retryTimeout ?? 0,
        incident,
      });
      await this.history(sql, task, incident ? 'incident.created' : 'task.failed', actorOf(principal).id, {
        errorMessage: input.errorMessage ?? null,
        retries: Math.max(0, input.retries),
        workerId: input.workerId,
      });
    });
    return this.tasks.get(id, 'external', principal);
  }

  async extendLock(
    id: string,
    principal: Principal,
    input: { workerId: string; newDuration: number },
  ): Promise<void> {
    await this.db.transaction(async (sql) => {
      const task = await this.load(sql, id, principal);
      const locked =
        task.worker_id !== null &&
        task.lock_expires_at !== null &&
        task.lock_expires_at.getTime() > this.clock.machineMs();
      if (!locked || task.worker_id !== input.workerId) {
        throw conflict(
          locked
            ? `The task is locked by worker ${task.worker_id}.`
            : 'The task is not locked: fetch it again.',
          { code: locked ? 'task-locked' : 'task-not-locked' },
        );
      }
      await this.externalTasks.extendLock(sql, id, input.newDuration);
    });
  }

  /** Frees a locked task at once (its worker gives up, or an admin of the unit's system). */
  async unlock(id: string, principal: Principal): Promise<void> {
    await this.db.transaction(async (sql) => {
      await this.load(sql, id, principal);
      await this.externalTasks.unlock(sql, id);
    });
  }

  /** Open incidents (external tasks out of retries), for admins. */
  async incidents(principal: Principal, unit?: string): Promise<TaskDto[]> {
    if (!hasRole(principal, 'admin')) throw forbidden('Incidents are for administrators.', 'ROLE_REQUIRED');
    return this.tasks.incidents(unit);
  }

  /** An admin gives an incident's task new retries: agency systems fetch it again. */
  async retryIncident(id: string, principal: Principal, retries: number): Promise<TaskDto> {
    if (!hasRole(principal, 'admin'))
      throw forbidden('Incidents are resolved by administrators.', 'ROLE_REQUIRED');
    await this.db.transaction(async (sql) => {
      const task = await this.externalTasks.lockExternal(sql, id);
      if (!task) throw notFound('Incident', id);
      if (task.incident_at === null || task.status !== 'active') {
        throw conflict('The task has no open incident.', { code: 'no-incident' });
      }
      await this.externalTasks.resolveIncident(sql, id, retries);
      await this.history(sql, task, 'incident.resolved', actorOf(principal).id, { retries });
    });
    return this.tasks.getAny(id);
  }

  /** The external task, locked for the command; 404 when it is not the principal's unit's (see Authz). */
  private async load(sql: Sql, id: string, principal: Principal): Promise<ExternalRow> {
    const task = await this.externalTasks.lockExternal(sql, id);
    if (!task) throw notFound('External task', id);
    this.authz.assertTask(principal, task, 'complete');
    if (task.status !== 'active') {
      throw conflict(`Task ${id} is ${task.status}.`, { code: 'task-not-active' });
    }
    return task;
  }

  private async history(
    sql: Sql,
    task: ExternalRow,
    type: string,
    actor: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    const written = await this.externalTasks.insertHistory(sql, task, {
      type,
      actor,
      data,
      at: this.clock.now(),
    });
    // An active step of an ended dossier would be a bug elsewhere: refused (the transaction rolls
    // back) rather than dated after the dossier's end, where its history reads do not look (lifeOf).
    if (!written) throw conflict(`The dossier of task ${task.id} has ended.`, { code: 'dossier-finished' });
  }
}

/** Validates a fetch-and-lock request beyond its HTTP shape (duplicate topics). */
function checkFetch(input: FetchAndLockInput): void {
  const names = input.topics.map((t) => t.topicName);
  if (new Set(names).size !== names.length) {
    throw unprocessable('Each topic may be listed once.', [{ path: 'topics', message: 'duplicate topic' }]);
  }
}
