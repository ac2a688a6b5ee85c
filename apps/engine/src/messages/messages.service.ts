import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { GraphNode, StepProps } from '@lienthong/bpmn';
import type { Variables } from '@lienthong/engine-core';
import type { MessageResultDto } from '@lienthong/contracts';
import { filter, type Subscription } from 'rxjs';
import { writeAuditIn } from '../audit/audit-writer';
import {
  type CommandKey,
  pendingKey,
  recordKeyIn,
  reserveKeyIn,
  takeKeyIn,
} from '../common/idempotency/command-key';
import { callerScopedKey, requestHash } from '../common/idempotency/request-hash.util';
import { conflict, notFound, ProblemException, unprocessable } from '../common/problem/problem.exception';
import { iso } from '../common/sql/sql-filter.util';
import { type AppConfig, InjectAppConfig } from '../config/app-config';
import { Db, type Sql } from '../database/db.service';
import { parseVariables } from '../dossiers/dossiers.service';
import { Authz } from '../identity/authz.service';
import { actorOf, type Principal } from '../identity/principal';
import { DefinitionCache } from '../runtime/definition-cache';
import { DomainEvents } from '../runtime/domain-events';
import { isUuid } from '../common/uuid.util';
import type { Actor } from '../identity/actor';
import type { DossierRow } from '../runtime/dossier-row';
import { ProcessRuntime } from '../runtime/process-runtime.service';
import { MessagesRepository } from './messages.repository';

export interface MessageInput {
  name: string;
  dossierId?: string;
  dossierCode?: string;
  correlationKey?: string;
  variables?: unknown;
  messageId?: string;
  ttlSeconds?: number;
}

const CLEANUP_MS = 60_000;

/**
 * Messages from agency systems (callbacks): delivered to the dossier's step waiting for them; one that
 * arrives early is kept (buffered_messages) until its time to live and delivered, in the same transaction
 * as its removal, when the dossier reaches such a step. A `messageId` is applied once: a repeat gets the
 * first answer (stored like an Idempotency-Key, per sender).
 */
@Injectable()
export class MessagesService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MessagesService.name);
  private subscription: Subscription | null = null;
  private cleanup: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly messages: MessagesRepository,
    private readonly runtime: ProcessRuntime,
    private readonly cache: DefinitionCache,
    private readonly authz: Authz,
    private readonly events: DomainEvents,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.stream
      .pipe(filter((e) => e.type === 'message.awaited'))
      .subscribe((e) => {
        if (e.type !== 'message.awaited') return;
        this.deliverBuffered(e.dossierId, e.name).catch((error: unknown) =>
          this.logger.error(`Delivering a kept message to ${e.dossierId} failed: ${String(error)}`),
        );
      });
    if (this.config.jobs.enabled) {
      this.cleanup = setInterval(() => {
        this.messages
          .dropExpired()
          .catch((error: unknown) => this.logger.warn(`Dropping expired messages failed: ${String(error)}`));
      }, CLEANUP_MS);
      this.cleanup.unref();
    }
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    if (this.cleanup !== null) clearInterval(this.cleanup);
  }

  async correlate(
    input: MessageInput,
    principal: Principal,
  ): Promise<{ status: number; body: MessageResultDto }> {
    this.authz.assertMessageAllowed(principal, input.name);
    const actor = actorOf(principal);
    const requestKey = pendingKey(actor);
    if (input.messageId === undefined && requestKey === undefined) return this.apply(input, principal);
    // The sender's messageId is a key of its own, kept like an Idempotency-Key (see command-key.ts).
    const path = '/api/v1/messages';
    const messageKey: CommandKey | undefined =
      input.messageId === undefined
        ? undefined
        : {
            scope: { key: callerScopedKey(principal, input.messageId), method: 'MESSAGE', path },
            requestHash: requestHash('MESSAGE', path, '', input),
            status: 200,
            recorded: false,
          };
    const answer = await this.applyKeyed(input, principal, actor, requestKey, messageKey);
    if (requestKey) requestKey.recorded = true;
    return answer;
  }

  /**
   * A message with an Idempotency-Key or a messageId: the keys, the dossier locked, the correlation or
   * the kept message, the audit record and the answer, in one transaction.
   */
  private async applyKeyed(
    input: MessageInput,
    principal: Principal,
    actor: Actor,
    requestKey: CommandKey | undefined,
    messageKey: CommandKey | undefined,
  ): Promise<{ status: number; body: MessageResultDto }> {
    const variables = this.checkInput(input);
    const ref = await this.resolve(input);
    return this.runtime.transaction(actor, async (tx) => {
      if (requestKey) await takeKeyIn(tx.sql, requestKey);
      const keep = async (answer: { status: number; body: MessageResultDto }) => {
        if (messageKey) await recordKeyIn(tx.sql, messageKey, answer);
        if (requestKey) await recordKeyIn(tx.sql, requestKey, answer);
        return answer;
      };
      if (messageKey) {
        const reservation = await reserveKeyIn(tx.sql, messageKey);
        switch (reservation.kind) {
          case 'reserved':
            break;
          case 'stored': {
            // The same message again: its first answer (and the request's key keeps it too).
            const first = {
              status: reservation.response.status,
              body: { ...(reservation.response.body as MessageResultDto) },
            };
            if (requestKey) await recordKeyIn(tx.sql, requestKey, first);
            await writeAuditIn(tx.sql, actor);
            return first;
          }
          case 'mismatch':
            throw conflict(`Message ${input.messageId} was already received with other content.`, {
              code: 'message-id-reused',
            });
          case 'in-flight':
            throw ProblemException.of(
              409,
              'message-in-flight',
              'Message being processed',
              `Message ${input.messageId} is being processed; retry shortly.`,
              { headers: { 'Retry-After': '1' } },
            );
        }
      }
      const dossier = await this.runtime.loadDossier(tx.sql, ref, true);
      await this.assertMaySend(tx.sql, principal, dossier, input.name);
      const result = await this.runtime.applyIn(tx, dossier, {
        type: 'correlateMessage',
        name: input.name,
        variables,
      });
      if (result.correlated) return keep(correlatedAnswer(dossier));
      if (dossier.status !== 'active') {
        throw conflict(`Dossier ${dossier.code} is ${dossier.status}: it waits for no message any more.`, {
          code: 'dossier-finished',
        });
      }
      // The dossier is locked: it cannot start waiting for the message before this commits.
      const expiresAt = await this.keepMessage(tx.sql, dossier.id, input, variables, actor.id);
      await writeAuditIn(tx.sql, actor);
      return keep(bufferedAnswer(dossier, expiresAt));
    });
  }

  private async apply(
    input: MessageInput,
    principal: Principal,
  ): Promise<{ status: number; body: MessageResultDto }> {
    const variables = this.checkInput(input);
    const ref = await this.resolve(input);
    const { row, result } = await this.runtime.execute(
      async (sql) => {
        const dossier = await this.runtime.loadDossier(sql, ref);
        await this.assertMaySend(sql, principal, dossier, input.name);
        return dossier;
      },
      { type: 'correlateMessage', name: input.name, variables },
      actorOf(principal),
    );
    if (result.correlated) return correlatedAnswer(row);
    if (row.status !== 'active') {
      throw conflict(`Dossier ${row.code} is ${row.status}: it waits for no message any more.`, {
        code: 'dossier-finished',
      });
    }
    // Not waiting yet: keep it until the dossier reaches a step waiting for it (or it expires).
    const keptId = randomUUID();
    const expiresAt = await this.keepMessage(
      this.db.query,
      row.id,
      input,
      variables,
      actorOf(principal).id,
      keptId,
    );
    // The dossier may have started waiting between the correlation and the insert: try once more now.
    await this.deliverBuffered(row.id, input.name);
    const kept = await this.messages.isKept(keptId);
    if (!kept) return correlatedAnswer(row);
    return bufferedAnswer(row, expiresAt);
  }

  /** Checks the message's references and reads its variables. */
  private checkInput(input: MessageInput): Variables {
    const given = [input.dossierId, input.dossierCode, input.correlationKey].filter((v) => v !== undefined);
    if (given.length !== 1) {
      throw unprocessable('Give exactly one of dossierId, dossierCode or correlationKey.', [
        { path: 'dossierId', message: 'exactly one of dossierId, dossierCode, correlationKey is required' },
      ]);
    }
    if (input.dossierId !== undefined && !isUuid(input.dossierId)) throw notFound('Dossier', input.dossierId);
    return parseVariables(input.variables);
  }

  /** Keeps a message for a dossier not yet waiting for it; answers when it expires. */
  private async keepMessage(
    sql: Sql,
    dossierId: string,
    input: MessageInput,
    variables: Variables,
    sender: string,
    id: string = randomUUID(),
  ): Promise<Date> {
    return this.messages.keep(sql, {
      id,
      dossierId,
      name: input.name,
      variables,
      messageId: input.messageId ?? null,
      sender,
      ttlSeconds: input.ttlSeconds ?? this.config.messages.ttlSeconds,
    });
  }

  /** Delivers the oldest unexpired kept message of that name, removing it in the same transaction. */
  async deliverBuffered(dossierId: string, name: string): Promise<boolean> {
    if (!(await this.messages.anyWaiting(dossierId, name))) return false;
    return this.runtime.transaction({ id: 'system' }, async (tx) => {
      const message = await this.messages.takeOldest(tx.sql, dossierId, name);
      if (!message) return false;
      const dossier = await this.runtime.loadDossier(tx.sql, dossierId, true);
      tx.actor = { id: message.sender };
      const result = await this.runtime.applyIn(tx, dossier, {
        type: 'correlateMessage',
        name,
        variables: message.variables as never,
      });
      if (!result.correlated) return false;
      await this.messages.remove(tx.sql, message.id);
      return true;
    });
  }

  /**
   * Who may send a message to a dossier: its receiving unit, a unit holding one of its open steps, or a
   * unit named on one of its procedure's steps that wait for a message of that name (a receive task, or
   * a step with a message boundary event of that name).
   */
  private async assertMaySend(
    sql: Sql,
    principal: Principal,
    dossier: DossierRow,
    name: string,
  ): Promise<void> {
    const { graph } = await this.cache.get(sql, dossier.definition_id);
    const units: string[] = [];
    let awaited = false;
    for (const node of Object.values(graph.nodes)) {
      let waiting: GraphNode | undefined;
      if ('messageName' in node && node.messageName === name) waiting = node;
      else if (
        node.kind === 'boundaryEvent' &&
        node.trigger.kind === 'message' &&
        node.trigger.messageName === name
      )
        waiting = graph.nodes[node.attachedTo];
      else continue;
      awaited = true;
      const unit = waiting && 'unit' in waiting ? (waiting as StepProps).unit : undefined;
      if (unit?.kind === 'literal' && unit.value) units.push(unit.value);
    }
    await this.authz.assertCanActOnDossier(sql, principal, dossier, units);
    if (!awaited) {
      throw unprocessable(
        `No step of procedure ${dossier.definition_key} waits for a message "${name}".`,
        [{ path: 'name', message: 'not a message of this procedure' }],
        { code: 'message-unknown' },
      );
    }
  }

  /** The dossier's id or code, from whichever reference the sender gave. */
  private async resolve(input: MessageInput): Promise<string> {
    if (input.correlationKey === undefined) return (input.dossierId ?? input.dossierCode)!;
    const rows = await this.messages.dossiersByExternalRef(input.correlationKey);
    if (rows.length === 0) throw notFound('Dossier', input.correlationKey);
    if (rows.length > 1) {
      throw conflict(`correlationKey ${input.correlationKey} names several dossiers: send dossierCode.`, {
        code: 'ambiguous-correlation-key',
      });
    }
    return rows[0]!.id;
  }
}

function bufferedAnswer(row: DossierRow, expiresAt: Date): { status: number; body: MessageResultDto } {
  return {
    status: 202,
    body: {
      dossierId: row.id,
      dossierCode: row.code,
      correlated: false,
      buffered: true,
      expiresAt: iso(expiresAt),
    },
  };
}

function correlatedAnswer(row: DossierRow): { status: number; body: MessageResultDto } {
  return {
    status: 200,
    body: { dossierId: row.id, dossierCode: row.code, correlated: true, buffered: false, expiresAt: null },
  };
}
