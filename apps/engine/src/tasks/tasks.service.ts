import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FormFieldDto, PageDto, TaskDto, TaskKind, TaskStatus } from '@lienthong/contracts';
import { assertVariables, type Variables } from '@lienthong/engine-core';
import { DataSource } from 'typeorm';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import { decodeCursor, toPage } from '../common/pagination';
import { iso, SqlFilter } from '../common/sql/sql-filter.util';
import { isUuid } from '../dossiers/dossiers.service';
import { ProcessRuntime, type Actor } from '../runtime/process-runtime.service';
import { validateFormVariables } from './form-validation.util';

interface TaskRow {
  id: string;
  dossier_id: string;
  dossier_code: string;
  node_id: string;
  name: string | null;
  kind: TaskKind;
  status: TaskStatus;
  unit: string | null;
  candidate_role: string | null;
  allotted_time: string | null;
  topic: string | null;
  form: FormFieldDto[];
  loop_index: number | null;
  loop_total: number | null;
  local_variables: Variables;
  created_at: Date;
  completed_at: Date | null;
  result: Variables | null;
}

export interface TaskQuery {
  dossierId?: string;
  unit?: string;
  status?: TaskStatus;
  kind?: TaskKind;
  topic?: string;
  limit: number;
  cursor?: string;
}

const COLUMNS = `t.id, t.dossier_id, d.code AS dossier_code, t.node_id, t.name, t.kind, t.status, t.unit, t.candidate_role,
  t.allotted_time, t.topic, t.form, t.loop_index, t.loop_total, t.local_variables, t.created_at, t.completed_at, t.result`;

@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runtime: ProcessRuntime,
  ) {}

  async list(query: TaskQuery): Promise<PageDto<TaskDto>> {
    if (query.dossierId && !isUuid(query.dossierId)) return { items: [], nextCursor: null };
    const filter = new SqlFilter()
      .addIf(query.dossierId, 't.dossier_id = ?')
      .addIf(query.unit, 't.unit = ?')
      .addIf(query.status, 't.status = ?')
      .addIf(query.kind, 't.kind = ?')
      .addIf(query.topic, 't.topic = ?');
    if (query.cursor) {
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id']);
      filter.add('(t.created_at, t.id) > (?::timestamptz, ?::uuid)', after.createdAt, after.id);
    }
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM tasks t JOIN dossiers d ON d.id = t.dossier_id ${filter.where}
        ORDER BY t.created_at, t.id LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    )) as TaskRow[];
    return toPage(rows.map(toDto), query.limit, (t) => ({ createdAt: t.createdAt, id: t.id }));
  }

  async get(id: string, kind?: TaskKind): Promise<TaskDto> {
    const row = isUuid(id)
      ? (
          (await this.dataSource.query(
            `SELECT ${COLUMNS} FROM tasks t JOIN dossiers d ON d.id = t.dossier_id WHERE t.id = $1`,
            [id],
          )) as TaskRow[]
        )[0]
      : undefined;
    if (!row || (kind && row.kind !== kind))
      throw notFound(kind === 'external' ? 'external task' : 'task', id);
    return toDto(row);
  }

  /** Completes a user task (form checked) or an external task with variables, and moves the dossier on. */
  async complete(id: string, rawVariables: unknown, actor: Actor, kind: TaskKind): Promise<TaskDto> {
    const variables = parseVariables(rawVariables);
    const task = await this.get(id, kind);
    this.assertActive(task);
    if (kind === 'user') {
      const errors = validateFormVariables(task.form, variables);
      if (errors.length > 0) {
        throw unprocessable(
          `The form of step "${task.name ?? task.nodeId}" is not filled in correctly.`,
          errors,
          { code: 'form-invalid' },
        );
      }
    }
    await this.runtime.execute(task.dossierId, { type: 'completeTask', taskId: id, variables }, actor);
    return this.get(id);
  }

  /** Reports a business error of an external task; an error boundary event must catch it. */
  async bpmnError(
    id: string,
    input: { errorCode: string; errorMessage?: string; variables?: unknown },
    actor: Actor,
  ): Promise<TaskDto> {
    const variables = parseVariables(input.variables);
    const task = await this.get(id, 'external');
    this.assertActive(task);
    await this.runtime.execute(
      task.dossierId,
      {
        type: 'throwError',
        taskId: id,
        errorCode: input.errorCode,
        errorMessage: input.errorMessage,
        variables,
      },
      actor,
    );
    return this.get(id);
  }

  private assertActive(task: TaskDto): void {
    if (task.status !== 'active') {
      throw conflict(`Task ${task.id} is ${task.status}; only an active task can be completed.`, {
        code: 'task-not-active',
      });
    }
  }
}

function parseVariables(value: unknown): Variables {
  try {
    return assertVariables(value);
  } catch {
    throw badRequest('variables must be a JSON object.', [
      { path: 'variables', message: 'must be a JSON object' },
    ]);
  }
}

function toDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    dossierCode: row.dossier_code,
    nodeId: row.node_id,
    name: row.name,
    kind: row.kind,
    status: row.status,
    unit: row.unit,
    candidateRole: row.candidate_role,
    allottedTime: row.allotted_time,
    topic: row.topic,
    form: row.form,
    loop:
      row.loop_index === null || row.loop_total === null
        ? null
        : { index: row.loop_index, total: row.loop_total },
    localVariables: row.local_variables,
    createdAt: iso(row.created_at) as string,
    completedAt: iso(row.completed_at),
    result: row.result,
  };
}
