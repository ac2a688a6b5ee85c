import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { WorkingCalendar } from '@lienthong/calendar';
import type { ApplicantDto } from '@lienthong/contracts';
import {
  EngineError,
  step,
  type Command,
  type Effect,
  type HistoryEvent,
  type InstanceState,
  type StepResult,
} from '@lienthong/engine-core';
import { conflict, notFound, unprocessable } from '../common/problem';
import { isUuid } from '../common/uuid.util';
import { Db, type Sql } from '../database/db.service';
import { Clock } from '../common/clock/clock';
import { vnDate } from '../common/clock/vietnam-date.util';
import { DefinitionCache, type CachedDefinition } from './definition-cache';
import { DomainEvents, type DomainEvent } from './domain-events';
import { CalendarSource } from './calendar-source';
import { applyDeadlineEffects, EMPTY_DEADLINES, type DeadlineUpdate } from './deadlines';
import { buildWrite, type TaskRecord } from './dossier-write';
import { HotCache, type TaskSnapshot } from './hot-cache';
import { UnitDirectory } from '../identity/unit-directory.service';
import { pendingAudit } from '../audit/audit-context';
import { type CommandKey, pendingKey, recordKeyIn, takeKeyIn } from '../common/idempotency/command-key';
import { countCommand } from '../common/metrics/engine-metrics';
import type { Actor } from '../identity/actor';
import type { DossierRow } from './dossier-row';
import { RuntimeRepository } from './runtime.repository';

/**
 * Builds a command's answer from what it applied. With an Idempotency-Key it runs inside the command's
 * transaction (`sql`, before commit), and its value is stored as the key's answer.
 */
export type Respond<T> = (applied: Applied, sql: Sql) => Promise<T>;

export interface StartInput {
  definitionId: string;
  applicant: ApplicantDto;
  variables: StepResult['state']['variables'];
  receivingUnit: string;
  /** Electronic identifier of the receiving unit (prefix of the dossier code). */
  unitIdentifier: string;
  channel: 'desk' | 'online' | 'postal';
  parentId?: string;
  parentCallId?: string;
  /** The dossier's number in another system (messages may use it as correlationKey). */
  externalRef?: string;
}

export interface TxContext {
  sql: Sql;
  /** True inside an explicit transaction (several statements); false for a single autocommit write. */
  inTransaction: boolean;
  now: Date;
  actor: Actor;
  events: DomainEvent[];
}

export interface Applied {
  row: DossierRow;
  result: StepResult;
  /** The instant the command took effect. */
  at: Date;
  /** How the command moved the legal clocks (absent when nothing was written). */
  deadline?: DeadlineUpdate;
}

/** Effects that need more than the dossier's own single-statement write. */
function needsTransaction(effects: Effect[], row: Pick<DossierRow, 'parent_id'>): boolean {
  return effects.some(
    (e) =>
      e.type === 'callStarted' ||
      e.type === 'callCancelled' ||
      (e.type === 'instanceEnded' && row.parent_id !== null),
  );
}

/**
 * Runs interpreter commands against dossiers stored in PostgreSQL. A command reads the dossier,
 * runs the pure `step`, and writes the new state together with every effect (tasks, jobs,
 * history) in ONE statement guarded by the dossier's revision: a concurrent change makes it write
 * nothing, and the command is re-read and re-applied (or refused when it no longer applies, e.g. the
 * task was completed meanwhile: 409). Effects that reach other dossiers (call activities) run in
 * one transaction with it.
 */
@Injectable()
export class ProcessRuntime {
  private static readonly MAX_ATTEMPTS = 3;

  constructor(
    private readonly db: Db,
    private readonly definitions: DefinitionCache,
    private readonly domainEvents: DomainEvents,
    private readonly clock: Clock,
    private readonly calendars: CalendarSource,
    private readonly cache: HotCache,
    private readonly units: UnitDirectory,
    private readonly store: RuntimeRepository,
  ) {}

  /** The engine's clock (settable in test mode). */
  now(): Date {
    return this.clock.now();
  }

  /** Starts a dossier on a definition version; `respond` builds the answer (see Respond). */
  async start(input: StartInput, actor: Actor): Promise<Applied>;
  async start<T>(input: StartInput, actor: Actor, respond: Respond<T>): Promise<T>;
  async start<T>(input: StartInput, actor: Actor, respond?: Respond<T>): Promise<T | Applied> {
    const definition = await this.definitions.get(this.db.query, input.definitionId);
    const now = this.clock.now();
    const result = this.runStep(definition, null, { type: 'start', variables: input.variables }, now);
    const events: DomainEvent[] = [];
    const run = (tx: TxContext) => this.startIn(tx, input, definition, result);
    const key = pendingKey(actor);
    if (key !== undefined) {
      const answer = await this.db.transaction(async (sql) => {
        await takeKeyIn(sql, key);
        const applied = await run({ sql, inTransaction: true, now, actor, events });
        return this.keep(sql, key, applied, respond);
      });
      key.recorded = true;
      this.domainEvents.publish(events);
      countCommand('start');
      return answer;
    }
    const applied = needsTransaction(result.effects, { parent_id: input.parentId ?? null })
      ? await this.db.transaction((sql) => run({ sql, inTransaction: true, now, actor, events }))
      : await run({ sql: this.db.query, inTransaction: false, now, actor, events });
    this.domainEvents.publish(events);
    countCommand('start');
    return respond ? respond(applied, this.db.query) : applied;
  }

  /** Inside a keyed command's transaction: its answer, stored as the key's. */
  private async keep<T>(
    sql: Sql,
    key: CommandKey,
    applied: Applied,
    respond?: Respond<T>,
  ): Promise<T | Applied> {
    const answer = respond ? await respond(applied, sql) : applied;
    await recordKeyIn(sql, key, { status: key.status, body: answer });
    return answer;
  }

  /**
   * Applies a command to a dossier. `load` reads the dossier (and whatever the caller checks with
   * it) and is called again when a concurrent change won the race.
   */
  async execute(
    load: (sql: Sql, attempt: number) => Promise<DossierRow>,
    command: Command | ((row: DossierRow) => Command),
    actor: Actor,
  ): Promise<Applied>;
  async execute<T>(
    load: (sql: Sql, attempt: number) => Promise<DossierRow>,
    command: Command | ((row: DossierRow) => Command),
    actor: Actor,
    respond: Respond<T>,
  ): Promise<T>;
  async execute<T>(
    load: (sql: Sql, attempt: number) => Promise<DossierRow>,
    command: Command | ((row: DossierRow) => Command),
    actor: Actor,
    respond?: Respond<T>,
  ): Promise<T | Applied> {
    const key = pendingKey(actor);
    for (let attempt = 1; ; attempt++) {
      const row = await load(this.db.query, attempt);
      const cmd = typeof command === 'function' ? command(row) : command;
      const definition = await this.definitions.get(this.db.query, row.definition_id);
      const now = this.clock.now();
      const result = this.runStep(definition, row.state, cmd, now);
      if (cmd.type === 'correlateMessage' && !result.correlated) {
        const applied = { row, result, at: now };
        return respond ? respond(applied, this.db.query) : applied;
      }
      const events: DomainEvent[] = [];
      if (key !== undefined) {
        // The key, the change and the answer in one transaction (see common/idempotency/command-key.ts).
        const kept = await this.db.transaction(async (sql) => {
          await takeKeyIn(sql, key);
          const applied = await this.writeAndFollow(
            { sql, inTransaction: true, now, actor, events },
            row,
            result,
          );
          return applied ? { answer: await this.keep(sql, key, applied, respond) } : null;
        });
        if (kept) {
          key.recorded = true;
          this.domainEvents.publish(events);
          countCommand(cmd.type);
          return kept.answer;
        }
      } else {
        const applied = needsTransaction(result.effects, row)
          ? await this.db.transaction((sql) =>
              this.writeAndFollow({ sql, inTransaction: true, now, actor, events }, row, result),
            )
          : await this.writeAndFollow(
              { sql: this.db.query, inTransaction: false, now, actor, events },
              row,
              result,
            );
        if (applied) {
          this.domainEvents.publish(events);
          countCommand(cmd.type);
          return respond ? respond(applied, this.db.query) : applied;
        }
      }
      if (attempt >= ProcessRuntime.MAX_ATTEMPTS) {
        throw conflict(
          `Dossier ${row.code} is being changed by other requests; nothing was applied. Try again.`,
          {
            code: 'concurrent-change',
          },
        );
      }
    }
  }

  /**
   * Changes only the legal clocks of a dossier (a manual pause or resume, an extension), with the
   * same revision guard as commands.
   */
  async updateDeadlines<T = Applied>(
    load: (sql: Sql) => Promise<DossierRow>,
    change: (
      row: DossierRow,
      ctx: { calendar: WorkingCalendar; now: Date },
    ) => {
      deadline: DeadlineUpdate;
      extension?: { record: Record<string, unknown>; newDueAt: string };
      /** History of the dossier written with the change (e.g. a supplement request). */
      history?: HistoryEvent[];
    },
    actor: Actor,
    respond?: Respond<T>,
  ): Promise<T | Applied> {
    const key = pendingKey(actor);
    for (let attempt = 1; ; attempt++) {
      const row = await load(this.db.query);
      const now = this.clock.now();
      const calendar = this.calendars.current();
      const { deadline, extension, history } = change(row, { calendar, now });
      const result: StepResult = {
        state: row.state,
        effects: (history ?? []).map((event) => ({ type: 'history', event })),
      };
      const audit = pendingAudit(actor);
      const write = buildWrite(
        { mode: 'update', id: row.id, revision: row.revision, extension },
        result,
        now,
        actor.id,
        deadline,
        calendar.version,
        audit?.record,
      );
      const applied: Applied = {
        row: {
          ...row,
          revision: row.revision + 1,
          deadlines: deadline.state,
          extended: row.extended || !!extension,
        },
        result,
        at: now,
        deadline,
      };
      const kept = await (key === undefined
        ? this.db
            .query<{ code: string | null }>(write.text, write.params)
            .then(({ rows }) => (rows[0]?.code ? { answer: undefined } : null))
        : this.db.transaction(async (sql) => {
            await takeKeyIn(sql, key);
            const { rows } = await sql<{ code: string | null }>(write.text, write.params);
            return rows[0]?.code ? { answer: await this.keep(sql, key, applied, respond) } : null;
          }));
      this.cache.forgetDossier(row.id);
      if (kept) {
        if (audit) audit.written = true;
        if (key) key.recorded = true;
        countCommand('deadline');
        this.domainEvents.publish([{ type: 'dossier.updated', dossierId: row.id, code: row.code }]);
        if (key) return kept.answer as T | Applied;
        return respond ? respond(applied, this.db.query) : applied;
      }
      if (attempt >= ProcessRuntime.MAX_ATTEMPTS) {
        throw conflict(
          `Dossier ${row.code} is being changed by other requests; nothing was applied. Try again.`,
          { code: 'concurrent-change' },
        );
      }
    }
  }

  /** For the job worker: runs `work` in one transaction and publishes its events after commit. */
  async transaction<T>(actor: Actor, work: (tx: TxContext) => Promise<T>): Promise<T> {
    const events: DomainEvent[] = [];
    const value = await this.db.transaction((sql) =>
      work({ sql, inTransaction: true, now: this.clock.now(), actor, events }),
    );
    this.domainEvents.publish(events);
    return value;
  }

  async loadDossier(sql: Sql, idOrCode: string, forUpdate = false): Promise<DossierRow> {
    const byId = isUuid(idOrCode);
    if (!byId && idOrCode.length > 60) throw notFound('Dossier', idOrCode);
    const row = await this.store.findDossier(sql, idOrCode, byId, forUpdate);
    if (!row) throw notFound('Dossier', idOrCode);
    return row;
  }

  /** Applies a command within `tx` (a transaction); a lost race is a 409 there, since the caller holds locks. */
  async applyIn(tx: TxContext, row: DossierRow, command: Command): Promise<StepResult> {
    const definition = await this.definitions.get(tx.sql, row.definition_id);
    const result = this.runStep(definition, row.state, command, tx.now);
    if (command.type === 'correlateMessage' && !result.correlated) return result;
    const applied = await this.writeAndFollow(tx, row, result);
    if (!applied)
      throw conflict(
        `Dossier ${row.code} was changed by another request at the same time; nothing was applied.`,
      );
    countCommand(command.type);
    return result;
  }

  private async startIn(
    tx: TxContext,
    input: StartInput,
    definition: CachedDefinition,
    result: StepResult,
  ): Promise<Applied> {
    const id = randomUUID();
    const calendar = this.calendars.current();
    const deadline = applyDeadlineEffects(
      EMPTY_DEADLINES,
      result.effects,
      {
        calendar,
        now: tx.now,
        legalTimeLimit: definition.graph.legalTimeLimit,
        cutoff: definition.graph.cutoff as Parameters<typeof calendar.countingStart>[1],
      },
      true,
    );
    const audit = pendingAudit(tx.actor);
    const write = buildWrite(
      {
        mode: 'insert',
        id,
        definition,
        receivingUnit: input.receivingUnit,
        unitIdentifier: input.unitIdentifier,
        channel: input.channel,
        applicant: input.applicant,
        parentId: input.parentId ?? null,
        parentCallId: input.parentCallId ?? null,
        externalRef: input.externalRef ?? null,
      },
      result,
      tx.now,
      tx.actor.id,
      deadline,
      calendar.version,
      // A child dossier (call activity) is not what the request asked for: its parent's write carries the record.
      input.parentId === undefined ? audit?.record : undefined,
    );
    const { rows } = await tx.sql<{ code: string }>(write.text, write.params);
    const code = rows[0]?.code;
    if (!code) throw new Error('dossier insert returned no code');
    if (audit && input.parentId === undefined) audit.written = true;
    this.remember(tx, id, code, 1, write);
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
      deadlines: deadline.state,
      extended: false,
    };
    tx.events.push({ type: 'dossier.created', dossierId: id, code, definitionKey: definition.key });
    if (!tx.inTransaction) this.cache.putDossier(row);
    this.collectEvents(tx, row, result.effects);
    await this.followUps(tx, row, result.effects);
    return { row, result, at: tx.now, deadline };
  }

  /** Writes the step's outcome; returns null (nothing written) when the revision moved on. */
  private async writeAndFollow(tx: TxContext, row: DossierRow, result: StepResult): Promise<Applied | null> {
    const calendar = this.calendars.current();
    const deadline = applyDeadlineEffects(
      row.deadlines ?? EMPTY_DEADLINES,
      result.effects,
      { calendar, now: tx.now, extended: row.extended },
      false,
    );
    const audit = pendingAudit(tx.actor);
    const write = buildWrite(
      { mode: 'update', id: row.id, revision: row.revision },
      result,
      tx.now,
      tx.actor.id,
      deadline,
      calendar.version,
      audit?.record,
    );
    const { rows } = await tx.sql<{ code: string | null }>(write.text, write.params);
    if (!rows[0]?.code) {
      this.cache.forgetDossier(row.id);
      return null;
    }
    if (audit) audit.written = true;
    this.remember(tx, row.id, row.code, row.revision + 1, write);
    const next: DossierRow = {
      ...row,
      state: result.state,
      status: result.state.status,
      revision: row.revision + 1,
      deadlines: deadline.state,
    };
    tx.events.push({ type: 'dossier.updated', dossierId: row.id, code: row.code });
    if (!tx.inTransaction) this.cache.putDossier(next);
    this.collectEvents(tx, next, result.effects);
    await this.followUps(tx, next, result.effects);
    return { row: next, result, at: tx.now, deadline };
  }

  /**
   * Keeps what a write stored for the next command, once it is durable: at once for a single
   * autocommit statement; inside a transaction the entries are only dropped (it may roll back).
   */
  private remember(
    tx: TxContext,
    dossierId: string,
    code: string,
    revision: number,
    write: { tasks: TaskRecord[]; endedTaskIds: string[] },
  ): void {
    for (const id of write.endedTaskIds) this.cache.forgetTask(id);
    if (tx.inTransaction) {
      this.cache.forgetDossier(dossierId);
      return;
    }
    for (const t of write.tasks) {
      const { completed: _completed, ...columns } = t;
      const snapshot: TaskSnapshot = {
        ...columns,
        kind: t.kind as TaskSnapshot['kind'],
        status: t.status as TaskSnapshot['status'],
        dossier_id: dossierId,
        dossier_code: code,
        created_at: tx.now,
        completed_at: t.completed ? tx.now : null,
        completed_by: t.status === 'completed' ? tx.actor.id : null,
        assignee: null,
        revision,
      };
      this.cache.putTask(snapshot);
    }
  }

  private runStep(
    definition: CachedDefinition,
    state: InstanceState | null,
    command: Command,
    now: Date,
  ): StepResult {
    try {
      return step(definition.graph, state, command, {
        now,
        newId: randomUUID,
        calendar: this.calendars.current(),
        resolveUnit: this.units.resolve,
      });
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

  private collectEvents(tx: TxContext, row: DossierRow, effects: Effect[]): void {
    for (const e of effects) {
      if (e.type === 'taskCreated') {
        tx.events.push({
          type: 'task.created',
          taskId: e.task.taskId,
          dossierId: row.id,
          unit: e.task.unit,
          kind: e.task.kind,
          topic: e.task.topic,
        });
      } else if (e.type === 'taskEnded') {
        tx.events.push({ type: 'task.ended', taskId: e.taskId, dossierId: row.id, outcome: e.outcome });
      } else if (e.type === 'messageAwaited') {
        tx.events.push({ type: 'message.awaited', dossierId: row.id, name: e.name });
      } else if (e.type === 'instanceEnded') {
        tx.events.push({ type: 'dossier.ended', dossierId: row.id, code: row.code, status: e.status });
      }
    }
  }

  /** Effects on other dossiers: start or cancel a called procedure, resume the caller of a finished one. */
  private async followUps(tx: TxContext, row: DossierRow, effects: Effect[]): Promise<void> {
    for (const effect of effects) {
      if (effect.type === 'callStarted') await this.startCall(tx, row, effect);
      else if (effect.type === 'callCancelled') await this.cancelCall(tx, row, effect.callId);
      else if (
        effect.type === 'instanceEnded' &&
        row.parent_id &&
        row.parent_call_id &&
        effect.status === 'completed'
      ) {
        const parent = await this.loadDossier(tx.sql, row.parent_id, true);
        if (parent.status !== 'active') continue;
        await this.applyIn(
          tx,
          parent,
          effect.errorCode
            ? { type: 'failCall', callId: row.parent_call_id, errorCode: effect.errorCode }
            : { type: 'completeCall', callId: row.parent_call_id, variables: effect.variables },
        );
      }
    }
  }

  private async startCall(
    tx: TxContext,
    parent: DossierRow,
    effect: Extract<Effect, { type: 'callStarted' }>,
  ): Promise<void> {
    const called = await this.store.calledProcedure(tx.sql, effect.calledElement, parent.id, vnDate(tx.now));
    if (!called || !called.e_identifier) {
      throw unprocessable(
        `Call activity ${effect.nodeId} calls procedure "${effect.calledElement}", which has no published version in effect${called ? ' with a known receiving unit' : ''}.`,
        undefined,
        { code: 'called-definition-missing', extra: { elementId: effect.nodeId } },
      );
    }
    const definition = await this.definitions.get(tx.sql, called.id);
    const result = this.runStep(definition, null, { type: 'start', variables: effect.variables }, tx.now);
    await this.startIn(
      tx,
      {
        definitionId: called.id,
        applicant: called.applicant,
        variables: effect.variables,
        receivingUnit: called.unit,
        unitIdentifier: called.e_identifier,
        channel: 'desk',
        parentId: parent.id,
        parentCallId: effect.callId,
      },
      definition,
      result,
    );
  }

  private async cancelCall(tx: TxContext, parent: DossierRow, callId: string): Promise<void> {
    const rows = await this.store.activeChildren(tx.sql, parent.id, callId);
    for (const child of rows) {
      await this.applyIn(tx, child, {
        type: 'cancel',
        reason: `Hồ sơ ${parent.code} đã dừng bước gọi thủ tục này.`,
      });
    }
  }
}
