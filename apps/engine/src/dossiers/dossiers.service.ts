import { Injectable } from '@nestjs/common';
import type {
  CreateDossierDto,
  DossierDto,
  DossierStatus,
  DossierSummaryDto,
  HistoryEventDto,
  PageDto,
} from '@lienthong/contracts';
import { assertVariables, type Variables } from '@lienthong/engine-core';
import { decodeCursor, toPage } from '../common/pagination';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import { iso } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { remainingMinutes } from '@lienthong/calendar';
import { CalendarSource } from '../runtime/calendar-source';
import { Clock } from '../common/clock/clock';
import { vnDate } from '../common/clock/vietnam-date.util';
import { DefinitionCache } from '../runtime/definition-cache';
import { isUuid } from '../common/uuid.util';
import { clockHolds } from '../runtime/deadlines';
import { ProcessRuntime } from '../runtime/process-runtime.service';
import { activeSteps } from './active-steps.util';
import { type DossierDetailRow, type DossierListRow, DossiersRepository } from './dossiers.repository';
import { Authz } from '../identity/authz.service';
import { actorOf, type Principal } from '../identity/principal';

@Injectable()
export class DossiersService {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossiersRepository,
    private readonly runtime: ProcessRuntime,
    private readonly cache: DefinitionCache,
    private readonly calendars: CalendarSource,
    private readonly clock: Clock,
    private readonly authz: Authz,
  ) {}

  /** Receives a dossier: starts the version of its procedure in effect today (engine clock, Vietnam date). */
  async create(input: CreateDossierDto, principal: Principal): Promise<DossierDto> {
    const variables = parseVariables(input.variables);
    const found = await this.desk(input.definitionKey, input.receivingUnit, principal);
    const channel = input.channel ?? 'desk';
    return this.runtime.start(
      {
        definitionId: found.id,
        applicant: input.applicant,
        variables,
        receivingUnit: found.unit,
        unitIdentifier: found.e_identifier,
        channel,
        externalRef: input.externalRef,
      },
      actorOf(principal),
      ({ row }, sql) => this.get(row.id, principal, sql),
    );
  }

  /**
   * The version of a procedure in effect today and the desk that receives it, which must be the caller's
   * (reception): 404 unknown procedure, 409 none published, 422 no or unknown desk, 403 another desk.
   */
  async desk(
    definitionKey: string,
    receivingUnit: string | undefined,
    principal: Principal,
  ): Promise<{ id: string; unit: string; e_identifier: string }> {
    const found = await this.dossiers.findReceipt(
      definitionKey,
      receivingUnit ?? null,
      vnDate(this.clock.now()),
    );
    if (!found?.any_version) throw notFound('Procedure', definitionKey);
    if (!found.id) {
      throw conflict(
        `Procedure "${definitionKey}" has no published version in effect today: publish one before receiving dossiers.`,
        {
          code: 'not-published',
        },
      );
    }
    if (!found.unit) {
      throw unprocessable(
        'receivingUnit is required: the procedure does not name the desk that receives its dossiers.',
        [{ path: 'receivingUnit', message: 'required' }],
      );
    }
    if (!found.e_identifier) {
      throw unprocessable(`Unknown receiving unit "${found.unit}".`, [
        { path: 'receivingUnit', message: `unknown unit ${found.unit}` },
      ]);
    }
    this.authz.assertCanReceive(principal, found.unit);
    return { id: found.id, unit: found.unit, e_identifier: found.e_identifier };
  }

  /** A dossier the principal may see (else 404); `sql` inside a command's transaction (its change visible). */
  async get(idOrCode: string, principal: Principal, sql: Sql = this.db.query): Promise<DossierDto> {
    if (!isUuid(idOrCode) && idOrCode.length > 60) throw notFound('Dossier', idOrCode);
    const row = await this.dossiers.find(sql, idOrCode);
    if (!row) throw notFound('Dossier', idOrCode);
    await this.authz.assertDossierVisible(sql, principal, {
      id: row.id,
      receiving_unit: row.receiving_unit,
    });
    const definition = await this.cache.get(sql, row.definition_id);
    return this.detail(row, definition.graph);
  }

  async list(
    query: {
      status?: DossierStatus;
      definitionKey?: string;
      receivingUnit?: string;
      code?: string;
      limit: number;
      cursor?: string;
    },
    principal: Principal,
  ): Promise<PageDto<DossierSummaryDto>> {
    const after = query.cursor
      ? decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id'])
      : undefined;
    const rows = await this.dossiers.list({ ...query, after }, (filter) =>
      this.authz.visibleDossiers(principal, filter),
    );
    return toPage(rows.map(toSummary), query.limit, (d) => ({ createdAt: d.createdAt, id: d.id }));
  }

  async cancel(idOrCode: string, reason: string | undefined, principal: Principal): Promise<DossierDto> {
    return this.runtime.execute(
      async (sql) => {
        const dossier = await this.runtime.loadDossier(sql, idOrCode);
        await this.authz.assertDossierVisible(sql, principal, dossier);
        this.authz.assertCanCancel(principal, dossier);
        return dossier;
      },
      { type: 'cancel', reason },
      actorOf(principal),
      ({ row }, sql) => this.get(row.id, principal, sql),
    );
  }

  /**
   * Dừng giải quyết hồ sơ: every open step ends and the dossier ends `stopped` (history
   * `instance.stopped` with the reason and basis; webhooks dossier.status_changed and dossier.finished).
   */
  async stop(
    idOrCode: string,
    body: { reason: string; basis?: string },
    principal: Principal,
  ): Promise<DossierDto> {
    return this.runtime.execute(
      async (sql) => {
        const dossier = await this.runtime.loadDossier(sql, idOrCode);
        // an ended dossier holds no open step: say it ended (409) rather than "not your step" (403)
        await this.authz.assertDossierVisible(sql, principal, dossier);
        if (dossier.status !== 'active') {
          throw conflict(`The dossier has already ended (${dossier.status}); it cannot be stopped.`, {
            code: 'dossier-finished',
          });
        }
        await this.authz.assertCanStop(sql, principal, dossier);
        return dossier;
      },
      { type: 'stop', reason: body.reason.trim(), basis: body.basis?.trim() || undefined },
      actorOf(principal),
      ({ row }, sql) => this.get(row.id, principal, sql),
    );
  }

  async history(
    idOrCode: string,
    query: { limit: number; cursor?: string },
    principal: Principal,
  ): Promise<PageDto<HistoryEventDto>> {
    const dossier = await this.runtime.loadDossier(this.db.query, idOrCode);
    await this.authz.assertDossierVisible(this.db.query, principal, dossier);
    const { id } = dossier;
    // an event's id is `<row>.<n>` (the n-th event of its command's history row)
    const after = query.cursor ? decodeCursor<{ id: string }>(query.cursor, ['id']) : { id: '0.0' };
    const event = /^(\d{1,19})\.(\d{1,9})$/.exec(after.id);
    if (!event)
      throw badRequest('The cursor is not valid for this list.', undefined, { slug: 'invalid-cursor' });
    const rows = await this.dossiers.history(id, { row: event[1]!, n: Number(event[2]) }, query.limit);
    return toPage(
      rows.map((r) => ({
        id: r.id,
        at: iso(r.at) as string,
        type: r.type,
        nodeId: r.node_id,
        taskId: r.task_id,
        actor: r.actor,
        data: r.data,
      })),
      query.limit,
      (e) => ({ id: e.id }),
    );
  }

  private detail(row: DossierDetailRow, graph: Parameters<typeof activeSteps>[0]): DossierDto {
    const clock = row.deadlines?.dossier ?? null;
    return {
      ...toSummary(row),
      variables: row.state.variables,
      activeSteps: activeSteps(graph, row.state),
      result: row.state.result ?? null,
      revision: row.revision,
      deadline: {
        legalTimeLimit: graph.legalTimeLimit ?? null,
        countingFrom: clock?.countingFrom ?? null,
        remainingWorkingMinutes:
          clock && row.status === 'active'
            ? remainingMinutes(this.calendars.current(), clock, this.clock.now())
            : null,
        pausedAt: clock?.pausedAt ?? null,
        calendarVersion: clock?.calendarVersion ?? null,
        extension: row.extension,
        holds: row.status === 'active' ? clockHolds(row.deadlines?.pausedBy) : [],
        supplement: row.deadlines?.supplement ?? null,
      },
    };
  }
}

export function parseVariables(value: unknown): Variables {
  try {
    return assertVariables(value);
  } catch {
    throw badRequest('variables must be a JSON object.', [
      { path: 'variables', message: 'must be a JSON object' },
    ]);
  }
}

export function toSummary(row: DossierListRow | DossierDetailRow): DossierSummaryDto {
  return {
    id: row.id,
    code: row.code,
    definitionKey: row.definition_key,
    definitionVersion: row.definition_version,
    procedureName: row.procedure_name,
    status: row.status,
    receivingUnit: row.receiving_unit,
    applicant: row.applicant,
    channel: row.channel,
    parentId: row.parent_id,
    createdAt: iso(row.created_at) as string,
    endedAt: iso(row.ended_at),
    dueAt: iso(row.due_at),
    appointmentAt: iso(row.appointment_at),
    clock: row.clock,
    deadlineStatus: row.deadline_status,
    outcome: row.outcome,
  };
}
