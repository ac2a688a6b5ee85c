import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ActiveStepDto,
  ApplicantDto,
  CreateDossierDto,
  DossierDto,
  DossierStatus,
  DossierSummaryDto,
  HistoryEventDto,
  MessageResultDto,
  PageDto,
} from '@lienthong/contracts';
import type { ProcessGraph } from '@lienthong/bpmn';
import { assertVariables, type InstanceState, type Variables } from '@lienthong/engine-core';
import { DataSource } from 'typeorm';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import { decodeCursor, toPage } from '../common/pagination';
import { iso, SqlFilter } from '../common/sql/sql-filter.util';
import { DefinitionsService } from '../definitions/definitions.service';
import { DefinitionCache } from '../runtime/definition-cache';
import { ProcessRuntime, type Actor } from '../runtime/process-runtime.service';

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
}

interface DossierDetailRow extends DossierListRow {
  definition_id: string;
  state: InstanceState;
  revision: number;
}

const LIST_COLUMNS = `d.id, d.code, d.definition_key, d.definition_version, def.name AS procedure_name, d.status, d.receiving_unit,
  d.applicant, d.channel, d.parent_id, d.created_at, d.ended_at`;

@Injectable()
export class DossiersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runtime: ProcessRuntime,
    private readonly definitions: DefinitionsService,
    private readonly cache: DefinitionCache,
  ) {}

  async create(input: CreateDossierDto, actor: Actor): Promise<DossierDto> {
    const variables = this.variables(input.variables);
    const definition = await this.definitions.published(input.definitionKey);
    const receivingUnit = input.receivingUnit ?? definition.graph.receivingUnit;
    if (!receivingUnit) {
      throw unprocessable(
        'receivingUnit is required: the procedure does not name the desk that receives its dossiers.',
        [{ path: 'receivingUnit', message: 'required' }],
      );
    }
    const { id } = await this.runtime.start(
      {
        definitionId: definition.id,
        applicant: input.applicant,
        variables,
        receivingUnit,
        channel: input.channel ?? 'desk',
      },
      actor,
    );
    return this.get(id);
  }

  async get(idOrCode: string): Promise<DossierDto> {
    const byId = isUuid(idOrCode);
    const rows = (await this.dataSource.query(
      `SELECT ${LIST_COLUMNS}, d.definition_id, d.state, d.revision
         FROM dossiers d JOIN definitions def ON def.id = d.definition_id
        WHERE d.${byId ? 'id' : 'code'} = $1`,
      [idOrCode],
    )) as DossierDetailRow[];
    const row = rows[0];
    if (!row) throw notFound('dossier', idOrCode);
    const definition = await this.cache.get(this.dataSource.manager, row.definition_id);
    const tasks = (await this.dataSource.query(
      `SELECT id, unit FROM tasks WHERE dossier_id = $1 AND status = 'active'`,
      [row.id],
    )) as Array<{ id: string; unit: string | null }>;
    return {
      ...toSummary(row),
      variables: row.state.variables,
      activeSteps: activeSteps(definition.graph, row.state, new Map(tasks.map((t) => [t.id, t.unit]))),
      result: row.state.result ?? null,
      revision: row.revision,
    };
  }

  async list(query: {
    status?: DossierStatus;
    definitionKey?: string;
    receivingUnit?: string;
    limit: number;
    cursor?: string;
  }): Promise<PageDto<DossierSummaryDto>> {
    const filter = new SqlFilter()
      .addIf(query.status, 'd.status = ?')
      .addIf(query.definitionKey, 'd.definition_key = ?')
      .addIf(query.receivingUnit, 'd.receiving_unit = ?');
    if (query.cursor) {
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id']);
      filter.add('(d.created_at, d.id) < (?::timestamptz, ?::uuid)', after.createdAt, after.id);
    }
    const rows = (await this.dataSource.query(
      `SELECT ${LIST_COLUMNS} FROM dossiers d JOIN definitions def ON def.id = d.definition_id ${filter.where}
        ORDER BY d.created_at DESC, d.id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    )) as DossierListRow[];
    const page = toPage(rows.map(toSummary), query.limit, (d) => ({ createdAt: d.createdAt, id: d.id }));
    return page;
  }

  async cancel(idOrCode: string, reason: string | undefined, actor: Actor): Promise<DossierDto> {
    const id = await this.resolveId(idOrCode);
    await this.runtime.execute(id, { type: 'cancel', reason }, actor);
    return this.get(id);
  }

  async history(
    idOrCode: string,
    query: { limit: number; cursor?: string },
  ): Promise<PageDto<HistoryEventDto>> {
    const id = await this.resolveId(idOrCode);
    const after = query.cursor ? decodeCursor<{ id: string }>(query.cursor, ['id']) : { id: '0' };
    if (!/^\d+$/.test(after.id))
      throw badRequest('The cursor is not valid for this list.', undefined, { slug: 'invalid-cursor' });
    const rows = (await this.dataSource.query(
      `SELECT id::text, at, type, node_id, task_id, actor, data FROM history_events
        WHERE dossier_id = $1 AND id > $2::bigint ORDER BY history_events.id LIMIT $3`,
      [id, after.id, query.limit + 1],
    )) as Array<{
      id: string;
      at: Date;
      type: string;
      node_id: string | null;
      task_id: string | null;
      actor: string | null;
      data: Variables | null;
    }>;
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

  /** Delivers a message to the dossier waiting for it (receive task, message catch or message boundary event). */
  async correlate(
    input: { name: string; dossierId?: string; dossierCode?: string; variables?: unknown },
    actor: Actor,
  ): Promise<MessageResultDto> {
    const ref = input.dossierId ?? input.dossierCode;
    if (!ref)
      throw unprocessable('Give dossierId or dossierCode.', [
        { path: 'dossierId', message: 'dossierId or dossierCode is required' },
      ]);
    if (input.dossierId && !isUuid(input.dossierId)) throw notFound('dossier', input.dossierId);
    const variables = this.variables(input.variables);
    const id = await this.resolveId(ref);
    const result = await this.runtime.execute(
      id,
      { type: 'correlateMessage', name: input.name, variables },
      actor,
    );
    if (!result.correlated) {
      throw conflict(`Dossier ${ref} is not waiting for message "${input.name}".`, {
        code: 'message-not-awaited',
      });
    }
    const code =
      (
        (await this.dataSource.query(`SELECT code FROM dossiers WHERE id = $1`, [id])) as Array<{
          code: string;
        }>
      )[0]?.code ?? '';
    return { dossierId: id, dossierCode: code, correlated: true };
  }

  async resolveId(idOrCode: string): Promise<string> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM dossiers WHERE ${isUuid(idOrCode) ? 'id' : 'code'} = $1`,
      [idOrCode],
    )) as Array<{ id: string }>;
    const row = rows[0];
    if (!row) throw notFound('dossier', idOrCode);
    return row.id;
  }

  private variables(value: unknown): Variables {
    try {
      return assertVariables(value);
    } catch {
      throw badRequest('variables must be a JSON object.', [
        { path: 'variables', message: 'must be a JSON object' },
      ]);
    }
  }
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function toSummary(row: DossierListRow): DossierSummaryDto {
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
  };
}

function activeSteps(
  graph: ProcessGraph,
  state: InstanceState,
  taskUnits: Map<string, string | null>,
): ActiveStepDto[] {
  const steps: ActiveStepDto[] = [];
  for (const token of Object.values(state.tokens)) {
    const wait = token.wait;
    if (!wait) continue;
    const name = graph.nodes[token.nodeId]?.name ?? null;
    switch (wait.kind) {
      case 'task':
        steps.push({
          nodeId: token.nodeId,
          name,
          waitingFor: 'task',
          taskId: wait.taskId,
          unit: taskUnits.get(wait.taskId) ?? null,
        });
        break;
      case 'message':
        steps.push({ nodeId: token.nodeId, name, waitingFor: 'message', messageName: wait.name });
        break;
      case 'timer':
        steps.push({ nodeId: token.nodeId, name, waitingFor: 'timer' });
        break;
      case 'scope':
        steps.push({ nodeId: token.nodeId, name, waitingFor: 'subProcess' });
        break;
      case 'call':
        steps.push({ nodeId: token.nodeId, name, waitingFor: 'callActivity' });
        break;
      case 'multiInstance':
        steps.push({ nodeId: token.nodeId, name, waitingFor: 'multiInstance' });
        break;
      case 'join':
        steps.push({ nodeId: token.nodeId, name, waitingFor: 'join' });
        break;
    }
  }
  return steps;
}
