import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApplicantDto } from '@lienthong/contracts';
import {
  EngineError,
  step,
  type Command,
  type Effect,
  type InstanceState,
  type StepResult,
  type TaskSpec,
  type Variables,
} from '@lienthong/engine-core';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, notFound, unprocessable } from '../common/problem';
import { Clock } from './clock';
import { DefinitionCache } from './definition-cache';
import { DomainEvents, type DomainEvent } from './domain-events';

export interface DossierRow {
  id: string;
  code: string;
  definition_id: string;
  definition_key: string;
  definition_version: number;
  status: 'active' | 'completed' | 'cancelled';
  receiving_unit: string;
  state: InstanceState;
  revision: number;
  parent_id: string | null;
  parent_call_id: string | null;
}

export interface Actor {
  /** User name, API key name or `system`. */
  id: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system' };

export interface StartInput {
  definitionId: string;
  applicant: ApplicantDto;
  variables: Variables;
  receivingUnit: string;
  channel: 'desk' | 'online' | 'postal';
  parentId?: string;
  parentCallId?: string;
}

interface TxContext {
  manager: EntityManager;
  now: Date;
  actor: Actor;
  events: DomainEvent[];
  /** Set when a command scheduled a job, so that workers get a NOTIFY at commit. */
  jobsScheduled: boolean;
}

/**
 * Runs interpreter commands against dossiers stored in PostgreSQL. Every command is one
 * transaction: load the dossier, run the pure `step`, write the new state with an optimistic
 * revision check and perform all effects (tasks, jobs, history, called dossiers) before commit.
 */
@Injectable()
export class ProcessRuntime {
  private readonly logger = new Logger(ProcessRuntime.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly definitions: DefinitionCache,
    private readonly domainEvents: DomainEvents,
    private readonly clock: Clock,
  ) {}

  /** Starts a dossier on a definition version; returns its id and code. */
  async start(input: StartInput, actor: Actor): Promise<{ id: string; code: string }> {
    return this.transaction(actor, (tx) => this.startIn(tx, input));
  }

  /** Applies a command to a dossier; `expectedRevision` (optional) guards against stale clients. */
  async execute(
    dossierId: string,
    command: Command,
    actor: Actor,
    expectedRevision?: number,
  ): Promise<StepResult> {
    return this.transaction(actor, async (tx) => {
      const row = await this.loadDossier(tx.manager, dossierId);
      if (expectedRevision !== undefined && row.revision !== expectedRevision) {
        throw conflict(
          `Dossier ${row.code} has changed (revision ${row.revision}, expected ${expectedRevision}).`,
        );
      }
      return this.applyIn(tx, row, command);
    });
  }

  /** Runs `work` in a transaction; publishes its domain events after commit. */
  async transaction<T>(actor: Actor, work: (tx: TxContext) => Promise<T>): Promise<T> {
    const events: DomainEvent[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const tx: TxContext = { manager, now: this.clock.now(), actor, events, jobsScheduled: false };
      const value = await work(tx);
      if (tx.jobsScheduled) await manager.query(`SELECT pg_notify('lt_jobs', '')`);
      return value;
    });
    this.domainEvents.publish(events);
    return result;
  }

  async loadDossier(manager: EntityManager, idOrCode: string): Promise<DossierRow> {
    const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode);
    const rows = (await manager.query(
      `SELECT id, code, definition_id, definition_key, definition_version, status, receiving_unit, state, revision, parent_id, parent_call_id
         FROM dossiers WHERE ${byId ? 'id' : 'code'} = $1`,
      [idOrCode],
    )) as DossierRow[];
    const row = rows[0];
    if (!row) throw notFound('dossier', idOrCode);
    return row;
  }

  async startIn(tx: TxContext, input: StartInput): Promise<{ id: string; code: string }> {
    const definition = await this.definitions.get(tx.manager, input.definitionId);
    const id = randomUUID();
    const code = await this.nextCode(tx, input.receivingUnit);
    const result = this.runStep(
      definition.graph,
      null,
      { type: 'start', variables: input.variables },
      tx.now,
    );
    await tx.manager.query(
      `INSERT INTO dossiers (id, code, definition_id, definition_key, definition_version, status, receiving_unit, channel,
                             applicant, state, variables, parent_id, parent_call_id, revision, created_at, updated_at, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1, $14, $14, $15)`,
      [
        id,
        code,
        definition.id,
        definition.key,
        definition.version,
        result.state.status,
        input.receivingUnit,
        input.channel,
        input.applicant,
        result.state,
        result.state.variables,
        input.parentId ?? null,
        input.parentCallId ?? null,
        tx.now,
        result.state.status === 'active' ? null : tx.now,
      ],
    );
    tx.events.push({ type: 'dossier.created', dossierId: id, code, definitionKey: definition.key });
    const row: DossierRow = {
      id,
      code,
      definition_id: definition.id,
      definition_key: definition.key,
      definition_version: definition.version,
      status: result.state.status,
      receiving_unit: input.receivingUnit,
      state: result.state,
      revision: 1,
      parent_id: input.parentId ?? null,
      parent_call_id: input.parentCallId ?? null,
    };
    await this.performEffects(tx, row, result.effects);
    return { id, code };
  }

  async applyIn(tx: TxContext, row: DossierRow, command: Command): Promise<StepResult> {
    const definition = await this.definitions.get(tx.manager, row.definition_id);
    const result = this.runStep(definition.graph, row.state, command, tx.now);
    if (command.type === 'correlateMessage' && !result.correlated) return result;
    const ended = result.state.status !== 'active';
    const updated = (await tx.manager.query(
      `UPDATE dossiers SET state = $3, variables = $4, status = $5, revision = revision + 1, updated_at = $6,
              ended_at = CASE WHEN $7::boolean THEN $6 ELSE ended_at END
        WHERE id = $1 AND revision = $2`,
      [row.id, row.revision, result.state, result.state.variables, result.state.status, tx.now, ended],
    )) as [unknown[], number];
    if (updated[1] !== 1) {
      throw conflict(
        `Dossier ${row.code} was changed by another request at the same time; nothing was applied. Reload and try again.`,
      );
    }
    const next: DossierRow = {
      ...row,
      state: result.state,
      status: result.state.status,
      revision: row.revision + 1,
    };
    tx.events.push({ type: 'dossier.updated', dossierId: row.id, code: row.code });
    await this.performEffects(tx, next, result.effects);
    return result;
  }

  private runStep(
    graph: Parameters<typeof step>[0],
    state: InstanceState | null,
    command: Command,
    now: Date,
  ): StepResult {
    try {
      return step(graph, state, command, { now, newId: randomUUID });
    } catch (error) {
      if (error instanceof EngineError) {
        if (
          error.code === 'task-not-active' ||
          error.code === 'instance-not-active' ||
          error.code === 'call-not-active'
        ) {
          throw conflict(error.message, { code: error.code });
        }
        throw unprocessable(error.message, undefined, {
          code: error.code,
          extra: { elementId: error.elementId ?? null },
        });
      }
      throw error;
    }
  }

  private async performEffects(tx: TxContext, row: DossierRow, effects: Effect[]): Promise<void> {
    const created: TaskSpec[] = [];
    const history: Array<Extract<Effect, { type: 'history' }>['event']> = [];
    const jobs: Array<Extract<Effect, { type: 'jobScheduled' }>> = [];
    const cancelledJobs: string[] = [];
    const followUps: Array<() => Promise<void>> = [];
    for (const effect of effects) {
      switch (effect.type) {
        case 'taskCreated':
          created.push(effect.task);
          break;
        case 'taskEnded':
          await tx.manager.query(
            `UPDATE tasks SET status = $2, completed_at = $3, completed_by = $4, result = $5 WHERE id = $1`,
            [
              effect.taskId,
              effect.outcome,
              tx.now,
              effect.outcome === 'completed' ? tx.actor.id : null,
              effect.variables ?? null,
            ],
          );
          tx.events.push({
            type: 'task.ended',
            taskId: effect.taskId,
            dossierId: row.id,
            outcome: effect.outcome,
          });
          break;
        case 'jobScheduled':
          jobs.push(effect);
          break;
        case 'jobCancelled':
          cancelledJobs.push(effect.jobId);
          break;
        case 'history':
          history.push(effect.event);
          break;
        case 'callStarted':
          followUps.push(() => this.startCall(tx, row, effect));
          break;
        case 'callCancelled':
          followUps.push(() => this.cancelCall(tx, row, effect.callId));
          break;
        case 'messageAwaited':
          // Buffered messages (delivered when the dossier starts waiting) arrive with the agency-systems work.
          break;
        case 'instanceEnded':
          tx.events.push({ type: 'dossier.ended', dossierId: row.id, code: row.code, status: effect.status });
          if (row.parent_id && row.parent_call_id && effect.status === 'completed') {
            const parentCommand: Command = effect.errorCode
              ? { type: 'failCall', callId: row.parent_call_id, errorCode: effect.errorCode }
              : { type: 'completeCall', callId: row.parent_call_id, variables: effect.variables };
            const parentId = row.parent_id;
            followUps.push(async () => {
              const parent = await this.loadDossier(tx.manager, parentId);
              if (parent.status === 'active') await this.applyIn(tx, parent, parentCommand);
            });
          }
          break;
      }
    }
    if (created.length > 0) {
      await tx.manager.query(
        `INSERT INTO tasks (id, dossier_id, token_id, node_id, name, kind, status, unit, candidate_role, allotted_time, topic,
                            retries, form, loop_index, loop_total, local_variables, created_at)
         SELECT t.id, $1, t.token_id, t.node_id, t.name, t.kind, 'active', t.unit, t.candidate_role, t.allotted_time, t.topic,
                t.retries, t.form, t.loop_index, t.loop_total, t.local_variables, $2
           FROM jsonb_to_recordset($3::jsonb) AS t(id uuid, token_id uuid, node_id text, name text, kind text, unit text,
                candidate_role text, allotted_time text, topic text, retries int, form jsonb, loop_index int, loop_total int,
                local_variables jsonb)`,
        [
          row.id,
          tx.now,
          JSON.stringify(
            created.map((t) => ({
              id: t.taskId,
              token_id: t.tokenId,
              node_id: t.nodeId,
              name: t.name ?? null,
              kind: t.kind,
              unit: t.unit,
              candidate_role: t.candidateRole ?? null,
              allotted_time: t.allottedTime ?? null,
              topic: t.topic ?? null,
              retries: t.retries ?? null,
              form: t.form,
              loop_index: t.loop?.index ?? null,
              loop_total: t.loop?.total ?? null,
              local_variables: t.locals ?? {},
            })),
          ),
        ],
      );
      for (const t of created) {
        tx.events.push({
          type: 'task.created',
          taskId: t.taskId,
          dossierId: row.id,
          unit: t.unit,
          kind: t.kind,
          topic: t.topic,
        });
      }
    }
    if (cancelledJobs.length > 0)
      await tx.manager.query(`DELETE FROM jobs WHERE id = ANY($1::uuid[])`, [cancelledJobs]);
    if (jobs.length > 0) {
      await tx.manager.query(
        `INSERT INTO jobs (id, kind, dossier_id, node_id, due_at, created_at)
         SELECT j.id, 'timer', $1, j.node_id, j.due_at, $2 FROM jsonb_to_recordset($3::jsonb) AS j(id uuid, node_id text, due_at timestamptz)`,
        [
          row.id,
          tx.now,
          JSON.stringify(jobs.map((j) => ({ id: j.jobId, node_id: j.nodeId, due_at: j.dueAt }))),
        ],
      );
      tx.jobsScheduled = true;
    }
    if (history.length > 0) {
      await tx.manager.query(
        `INSERT INTO history_events (dossier_id, at, type, node_id, task_id, actor, data)
         SELECT $1, $2, h.type, h.node_id, h.task_id, $3, h.data
           FROM jsonb_to_recordset($4::jsonb) AS h(type text, node_id text, task_id uuid, data jsonb)`,
        [
          row.id,
          tx.now,
          tx.actor.id,
          JSON.stringify(
            history.map((h) => ({
              type: h.type,
              node_id: h.nodeId ?? null,
              task_id: h.taskId ?? null,
              data: h.flowId ? { ...h.data, flowId: h.flowId } : (h.data ?? null),
            })),
          ),
        ],
      );
    }
    for (const followUp of followUps) await followUp();
  }

  private async startCall(
    tx: TxContext,
    parent: DossierRow,
    effect: Extract<Effect, { type: 'callStarted' }>,
  ): Promise<void> {
    const rows = (await tx.manager.query(
      `SELECT id, graph->>'receivingUnit' AS receiving_unit FROM definitions WHERE key = $1 AND status = 'published'`,
      [effect.calledElement],
    )) as Array<{ id: string; receiving_unit: string | null }>;
    const called = rows[0];
    if (!called) {
      throw unprocessable(
        `Call activity ${effect.nodeId} calls procedure "${effect.calledElement}", which has no published version.`,
        undefined,
        { code: 'called-definition-missing', extra: { elementId: effect.nodeId } },
      );
    }
    const applicant = (
      (await tx.manager.query(`SELECT applicant FROM dossiers WHERE id = $1`, [parent.id])) as Array<{
        applicant: ApplicantDto;
      }>
    )[0]?.applicant ?? { name: '' };
    await this.startIn(tx, {
      definitionId: called.id,
      applicant,
      variables: effect.variables,
      receivingUnit: called.receiving_unit ?? parent.receiving_unit,
      channel: 'desk',
      parentId: parent.id,
      parentCallId: effect.callId,
    });
  }

  private async cancelCall(tx: TxContext, parent: DossierRow, callId: string): Promise<void> {
    const rows = (await tx.manager.query(
      `SELECT id FROM dossiers WHERE parent_id = $1 AND parent_call_id = $2 AND status = 'active'`,
      [parent.id, callId],
    )) as Array<{ id: string }>;
    for (const r of rows) {
      const child = await this.loadDossier(tx.manager, r.id);
      await this.applyIn(tx, child, {
        type: 'cancel',
        reason: `Hồ sơ cha ${parent.code} đã dừng bước gọi quy trình.`,
      });
    }
  }

  /** Official dossier code `<unit e-identifier>-YYMMDD-XXXX`, XXXX a daily sequence per receiving unit (Vietnam date). */
  private async nextCode(tx: TxContext, unitCode: string): Promise<string> {
    const units = (await tx.manager.query(`SELECT e_identifier FROM units WHERE code = $1`, [
      unitCode,
    ])) as Array<{ e_identifier: string }>;
    const unit = units[0];
    if (!unit) {
      throw unprocessable(`Unknown receiving unit "${unitCode}".`, [
        { path: 'receivingUnit', message: `Unknown unit ${unitCode}` },
      ]);
    }
    const local = new Date(tx.now.getTime() + 7 * 3600_000);
    const day = local.toISOString().slice(0, 10);
    const yymmdd = day.slice(2).replace(/-/g, '');
    const seq = (await tx.manager.query(
      `INSERT INTO dossier_sequences (unit_code, day, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (unit_code, day) DO UPDATE SET last_value = dossier_sequences.last_value + 1
       RETURNING last_value`,
      [unitCode, day],
    )) as Array<{ last_value: number }>;
    const n = seq[0]?.last_value ?? 1;
    return `${unit.e_identifier}-${yymmdd}-${String(n).padStart(4, '0')}`;
  }

  logFailure(message: string, error: unknown): void {
    this.logger.warn(`${message}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
