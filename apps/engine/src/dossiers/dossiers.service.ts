import { Injectable } from '@nestjs/common';
import type {
  ApplicantDto,
  ClockState,
  CreateDossierDto,
  DeadlineStatusDto,
  ExtensionDto,
  OutcomeDto,
  DossierDto,
  DossierStatus,
  DossierSummaryDto,
  HistoryEventDto,
  PageDto,
} from '@lienthong/contracts';
import { assertVariables, type Variables } from '@lienthong/engine-core';
import { decodeCursor, toPage } from '../common/pagination';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import { iso, SqlFilter } from '../common/sql/sql-filter.util';
import { Db, type Sql } from '../database/db.service';
import { remainingMinutes } from '@lienthong/calendar';
import { CalendarSource } from '../runtime/calendar-source';
import { Clock } from '../common/clock/clock';
import { DefinitionCache } from '../runtime/definition-cache';
import { isUuid } from '../common/uuid.util';
import type { DossierRow } from '../runtime/dossier-row';
import { ProcessRuntime } from '../runtime/process-runtime.service';
import { activeSteps } from './active-steps.util';
import { Authz } from '../identity/authz.service';
import { actorOf, type Principal } from '../identity/principal';

interface DossierListRow {
  id: string;
  code: string;
  definition_key: string;
  definition_version: number;
  procedure_name: string;
  status: DossierStatus;
  receiving_unit: string;
  applicant: ApplicantDto;
  channel: 'desk' | 'online' | 'postal';
  parent_id: string | null;
  created_at: Date;
  ended_at: Date | null;
  due_at: Date | null;
  appointment_at: Date | null;
  clock: ClockState;
  deadline_status: DeadlineStatusDto;
  outcome: OutcomeDto | null;
}

type DossierDetailRow = DossierRow & DossierListRow & { extension: ExtensionDto | null };

const LIST_COLUMNS = `d.id, d.code, d.definition_key, d.definition_version, def.name AS procedure_name, d.status, d.receiving_unit,
  d.applicant, d.channel, d.parent_id, d.created_at, d.ended_at, d.due_at, d.appointment_at, d.clock, d.deadline_status, d.outcome`;

@Injectable()
export class DossiersService {
  constructor(
    private readonly db: Db,
    private readonly runtime: ProcessRuntime,
    private readonly cache: DefinitionCache,
    private readonly calendars: CalendarSource,
    private readonly clock: Clock,
    private readonly authz: Authz,
  ) {}

  /** Receives a dossier: starts the published version of its procedure. */
  async create(input: CreateDossierDto, principal: Principal): Promise<DossierDto> {
    const variables = parseVariables(input.variables);
    const { rows } = await this.db.query<{
      id: string | null;
      unit: string | null;
      e_identifier: string | null;
      any_version: boolean;
    }>(
      `SELECT def.id, COALESCE($2, def.graph->>'receivingUnit') AS unit, u.e_identifier,
              EXISTS (SELECT 1 FROM definitions WHERE key = $1) AS any_version
         FROM (SELECT 1) one
         LEFT JOIN definitions def ON def.key = $1 AND def.status = 'published'
         LEFT JOIN units u ON u.code = COALESCE($2, def.graph->>'receivingUnit')`,
      [input.definitionKey, input.receivingUnit ?? null],
    );
    const found = rows[0];
    if (!found?.any_version) throw notFound('Procedure', input.definitionKey);
    if (!found.id) {
      throw conflict(
        `Procedure "${input.definitionKey}" has no published version: publish one before receiving dossiers.`,
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

  /** A dossier the principal may see (else 404); `sql` inside a command's transaction (its change visible). */
  async get(idOrCode: string, principal: Principal, sql: Sql = this.db.query): Promise<DossierDto> {
    if (!isUuid(idOrCode) && idOrCode.length > 60) throw notFound('Dossier', idOrCode);
    const { rows } = await sql<DossierDetailRow>(
      `SELECT ${LIST_COLUMNS}, d.definition_id, d.state, d.revision, d.parent_call_id, d.deadlines, d.extension,
              d.extension IS NOT NULL AS extended
         FROM dossiers d JOIN definitions def ON def.id = d.definition_id
        WHERE d.${isUuid(idOrCode) ? 'id' : 'code'} = $1`,
      [idOrCode],
    );
    const row = rows[0];
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
    const filter = new SqlFilter()
      .addIf(query.status, 'd.status = ?')
      .addIf(query.definitionKey, 'd.definition_key = ?')
      .addIf(query.receivingUnit, 'd.receiving_unit = ?')
      .addIf(query.code?.trim() && `%${query.code.trim().replace(/[\\%_]/g, '\\$&')}%`, 'd.code ILIKE ?');
    this.authz.visibleDossiers(principal, filter);
    if (query.cursor) {
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id']);
      filter.add('(d.created_at, d.id) < (?::timestamptz, ?::uuid)', after.createdAt, after.id);
    }
    const { rows } = await this.db.query<DossierListRow>(
      `SELECT ${LIST_COLUMNS} FROM dossiers d JOIN definitions def ON def.id = d.definition_id ${filter.where}
        ORDER BY d.created_at DESC, d.id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
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

  async history(
    idOrCode: string,
    query: { limit: number; cursor?: string },
    principal: Principal,
  ): Promise<PageDto<HistoryEventDto>> {
    const dossier = await this.runtime.loadDossier(this.db.query, idOrCode);
    await this.authz.assertDossierVisible(this.db.query, principal, dossier);
    const { id } = dossier;
    const after = query.cursor ? decodeCursor<{ id: string }>(query.cursor, ['id']) : { id: '0' };
    if (!/^\d+$/.test(after.id))
      throw badRequest('The cursor is not valid for this list.', undefined, { slug: 'invalid-cursor' });
    const { rows } = await this.db.query<{
      id: string;
      at: Date;
      type: string;
      node_id: string | null;
      task_id: string | null;
      actor: string | null;
      data: Variables | null;
    }>(
      `SELECT id::text, at, type, node_id, task_id, actor, data FROM history_events
        WHERE dossier_id = $1 AND id > $2::bigint ORDER BY history_events.id LIMIT $3`,
      [id, after.id, query.limit + 1],
    );
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

function toSummary(row: DossierListRow | DossierDetailRow): DossierSummaryDto {
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
