import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  AwaitingReturnDto,
  CreateReceptionGuidanceDto,
  DossierDto,
  PageDto,
  ReceptionGuidanceDto,
  RefuseDossierDto,
  ResultCollectorDto,
  ReturnResultDto,
  TaskCompletionDto,
} from '@lienthong/contracts';
import type { InstanceState } from '@lienthong/engine-core';
import { writeAuditIn } from '../audit/audit-writer';
import { Clock } from '../common/clock/clock';
import { vnDate } from '../common/clock/vietnam-date.util';
import { pendingKey, recordKeyIn, takeKeyIn } from '../common/idempotency/command-key';
import { decodeCursor, toPage } from '../common/pagination';
import { conflict, notFound } from '../common/problem';
import { iso } from '../common/sql/sql-filter.util';
import { isUuid } from '../common/uuid.util';
import { Db, type Sql } from '../database/db.service';
import { Authz } from '../identity/authz.service';
import { actorOf, type Principal } from '../identity/principal';
import { DefinitionCache } from '../runtime/definition-cache';
import { ProcessRuntime } from '../runtime/process-runtime.service';
import { TasksService } from '../tasks/tasks.service';
import { DossiersRepository } from './dossiers.repository';
import { DossiersService, toSummary } from './dossiers.service';
import { type GuidanceRow, ReceptionGuidanceRepository } from './reception-guidance.repository';

/**
 * What the desk gives instead of a receipt: a refusal to receive (a dossier row with status `refused`,
 * its own code, no process) or a supplement guidance (a record of its own, not a dossier). Both are
 * commands with the receipt's guarantees: audited and kept with their Idempotency-Key in one transaction.
 * And the desk's last step: the results waiting to be returned, and their return to who collects them.
 */
@Injectable()
export class ReceptionService {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossiersService,
    private readonly rows: DossiersRepository,
    private readonly guidances: ReceptionGuidanceRepository,
    private readonly cache: DefinitionCache,
    private readonly clock: Clock,
    private readonly runtime: ProcessRuntime,
    private readonly authz: Authz,
    private readonly tasks: TasksService,
  ) {}

  /** The dossiers whose result waits at the caller's desk, longest waiting first. */
  async awaitingReturn(
    query: { q?: string; limit: number; cursor?: string },
    principal: Principal,
  ): Promise<PageDto<AwaitingReturnDto>> {
    const after = query.cursor
      ? decodeCursor<{ since: string; id: string }>(query.cursor, ['since', 'id'])
      : undefined;
    const rows = await this.rows.awaitingReturn({
      unit: principal.unit,
      q: query.q,
      limit: query.limit,
      after,
    });
    return toPage(
      rows.map((r) => ({
        dossier: toSummary(r),
        taskId: r.task_id,
        stepName: r.step_name,
        waitingSince: iso(r.waiting_since) as string,
      })),
      query.limit,
      (a) => ({ since: a.waitingSince, id: a.taskId }),
    );
  }

  /**
   * Returns the result: completes the dossier's last step at the desk with who collected it (variable
   * `resultCollector`), so the dossier ends. 404 for a dossier the caller may not see; 409 when no
   * result waits at a desk.
   */
  async returnResult(
    idOrCode: string,
    input: ReturnResultDto,
    principal: Principal,
  ): Promise<TaskCompletionDto> {
    const dossier = await this.runtime.loadDossier(this.db.query, idOrCode);
    await this.authz.assertDossierVisible(this.db.query, principal, dossier);
    const step = await this.rows.returnStep(dossier.id);
    if (!step) {
      throw conflict(`Dossier ${dossier.code} has no result waiting to be returned at the desk.`, {
        code: 'no-result-to-return',
      });
    }
    const collector: ResultCollectorDto = {
      collectorName: input.collectorName.trim(),
      ...(input.collectorIdNumber ? { collectorIdNumber: input.collectorIdNumber } : {}),
      ...(input.relation?.trim() ? { relation: input.relation.trim() } : {}),
      ...(input.note?.trim() ? { note: input.note.trim() } : {}),
      collectedAt: this.clock.now().toISOString(),
      returnedBy: principal.name,
    };
    return this.tasks.complete(step.id, { resultCollector: collector }, principal, 'user');
  }

  /** Phiếu từ chối tiếp nhận: the dossier, refused, with its code and the reasons (history `refused`). */
  async refuse(input: RefuseDossierDto, principal: Principal): Promise<DossierDto> {
    const desk = await this.dossiers.desk(input.definitionKey, input.receivingUnit, principal);
    const reasons = input.reasons.map((r) => r.trim());
    return this.keyed(principal, 'dossier', async (sql, now, actor) => {
      const definition = await this.cache.get(sql, desk.id);
      const id = randomUUID();
      const day = vnDate(now);
      const state: InstanceState = {
        // No command can act on it: the interpreter sees an instance that is over.
        status: 'cancelled',
        variables: {},
        tokens: {},
        scopes: {},
        bodies: {},
        result: { reason: reasons.join('\n') },
      };
      await this.rows.insertRefused(sql, {
        id,
        definitionId: definition.id,
        definitionKey: definition.key,
        definitionVersion: definition.version,
        receivingUnit: desk.unit,
        codePrefix: `${desk.e_identifier}-${day.slice(2).replace(/-/g, '')}-`,
        localDay: day,
        channel: input.channel ?? 'desk',
        applicant: input.applicant,
        state,
        reasons,
        actor: actor.id,
        now,
      });
      return { id, answer: await this.dossiers.get(id, principal, sql) };
    });
  }

  /** Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: every missing paper, once; numbered per desk and day. */
  async guide(input: CreateReceptionGuidanceDto, principal: Principal): Promise<ReceptionGuidanceDto> {
    const desk = await this.dossiers.desk(input.definitionKey, input.receivingUnit, principal);
    return this.keyed(principal, null, async (sql, now, actor) => {
      const definition = await this.cache.get(sql, desk.id);
      const day = vnDate(now);
      const row = await this.guidances.insert(sql, {
        id: randomUUID(),
        codePrefix: `HD-${desk.e_identifier}-${day.slice(2).replace(/-/g, '')}-`,
        day,
        definition_key: definition.key,
        procedure_name: definition.name,
        receiving_unit: desk.unit,
        applicant: input.applicant,
        items: input.items.map((i) => i.trim()),
        contact: input.contact?.trim() || null,
        created_by: actor.id,
        created_at: now,
      });
      return { id: row.id, answer: toGuidance(row) };
    });
  }

  /** A guidance of the caller's desk (another unit's answers 404). */
  async guidance(idOrCode: string, principal: Principal): Promise<ReceptionGuidanceDto> {
    const row =
      idOrCode.length <= 70
        ? await this.guidances.find(principal.unit, idOrCode, isUuid(idOrCode))
        : undefined;
    if (!row) throw notFound('Reception guidance', idOrCode);
    return toGuidance(row);
  }

  async guidanceList(
    query: { q?: string; limit: number; cursor?: string },
    principal: Principal,
  ): Promise<PageDto<ReceptionGuidanceDto>> {
    const after = query.cursor
      ? decodeCursor<{ createdAt: string; id: string }>(query.cursor, ['createdAt', 'id'])
      : undefined;
    const rows = await this.guidances.list({ unit: principal.unit, q: query.q, limit: query.limit, after });
    return toPage(rows.map(toGuidance), query.limit, (g) => ({ createdAt: g.createdAt, id: g.id }));
  }

  /**
   * Runs `write` in one transaction with the request's Idempotency-Key (taken first: a retry waits for
   * the first and gets its answer) and audit record (filed under the written dossier, if any).
   */
  private async keyed<T>(
    principal: Principal,
    target: 'dossier' | null,
    write: (sql: Sql, now: Date, actor: ReturnType<typeof actorOf>) => Promise<{ id: string; answer: T }>,
  ): Promise<T> {
    const actor = actorOf(principal);
    const key = pendingKey(actor);
    const answer = await this.db.transaction(async (sql) => {
      if (key) await takeKeyIn(sql, key);
      const { id, answer } = await write(sql, this.clock.now(), actor);
      if (actor.audit) {
        actor.audit.record.targetId = id;
        if (target === 'dossier') actor.audit.record.dossierId = id;
      }
      await writeAuditIn(sql, actor);
      if (key) await recordKeyIn(sql, key, { status: key.status, body: answer });
      return answer;
    });
    if (key) key.recorded = true;
    return answer;
  }
}

function toGuidance(row: GuidanceRow): ReceptionGuidanceDto {
  return {
    id: row.id,
    code: row.code,
    definitionKey: row.definition_key,
    procedureName: row.procedure_name,
    receivingUnit: row.receiving_unit,
    applicant: row.applicant,
    items: row.items,
    contact: row.contact,
    createdBy: row.created_by,
    createdAt: iso(row.created_at) as string,
  };
}
