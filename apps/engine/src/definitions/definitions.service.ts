import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { analyzeBpmn, type ProcessGraph, type ValidationIssue } from '@lienthong/bpmn';
import type {
  DefinitionDto,
  DefinitionStatus,
  DefinitionSummaryDto,
  DefinitionVersionDto,
  DeployResultDto,
  PageDto,
  PublishDefinitionDto,
} from '@lienthong/contracts';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import { decodeCursor, toPage } from '../common/pagination';
import { iso } from '../common/sql/sql-filter.util';
import { Clock } from '../common/clock/clock';
import { vnDate } from '../common/clock/vietnam-date.util';
import { Db, type Sql } from '../database/db.service';
import { type DefinitionRow, DefinitionsRepository } from './definitions.repository';

/** Problems that mean "this is not a BPMN document at all" (400) rather than "not executable" (422). */
const UNREADABLE = new Set([
  'empty-document',
  'document-too-large',
  'doctype-forbidden',
  'malformed-xml',
  'invalid-character',
  'encoding-mismatch',
  'nesting-too-deep',
]);

@Injectable()
export class DefinitionsService {
  constructor(
    private readonly db: Db,
    private readonly definitions: DefinitionsRepository,
    private readonly clock: Clock,
  ) {}

  /** Validates without storing (the designer's "check" button). */
  async validate(xml: string): Promise<{ valid: boolean; key: string | null; issues: ValidationIssue[] }> {
    const { graph, issues } = await analyzeBpmn(xml);
    return {
      valid: graph !== null && !issues.some((i) => i.severity === 'error'),
      key: graph?.key ?? null,
      issues,
    };
  }

  /**
   * Stores a new draft version of the process in `xml` (its process id is the key). The same XML
   * as the latest version of that key is not stored twice: that version is returned (created: false).
   */
  async deploy(xml: string, by = 'system'): Promise<DeployResultDto> {
    const { graph, warnings } = await this.compileOrThrow(xml);
    const checksum = createHash('sha256').update(xml).digest('hex');
    return this.db.transaction(async (sql) => {
      await this.definitions.lockKey(sql, graph.key);
      const latest = await this.definitions.latest(sql, graph.key);
      if (latest && latest.checksum === checksum) {
        return { ...(await this.summaries([latest], sql))[0]!, created: false, warnings };
      }
      const row = await this.definitions.insert(sql, {
        id: randomUUID(),
        key: graph.key,
        version: (latest?.version ?? 0) + 1,
        name: graph.name,
        procedureCode: graph.procedureCode ?? null,
        legalTimeLimit: graph.legalTimeLimit ?? null,
        xml,
        checksum,
        graph,
        createdAt: this.clock.now(),
        createdBy: by,
      });
      return { ...toSummary(row, false), created: true, warnings };
    });
  }

  /**
   * Publishes a version with the decision that published it: from its effective date (Vietnam time;
   * none: from now on) the dossiers received start on it; until then on the version in effect before. The
   * stored XML is validated again (rules may have changed since it was deployed). Published versions no
   * new dossier can start on any more (an older one superseded by a version now in effect) are retired.
   * Republishing a published version answers it unchanged.
   */
  async publish(
    key: string,
    version: number,
    body: PublishDefinitionDto = {},
    by = 'system',
  ): Promise<DefinitionSummaryDto> {
    const today = vnDate(this.clock.now());
    checkPublication(body, body.effectiveFrom ?? today, today);
    return this.db.transaction(async (sql) => {
      await this.definitions.lockKey(sql, key);
      const row = await this.findRow(key, version, false, sql);
      if (row.status === 'published') return (await this.summaries([row], sql))[0]!;
      const stored = await this.definitions.compiled(key, version, sql);
      await this.compileOrThrow(stored?.xml ?? '');
      const now = this.clock.now();
      const published = await this.definitions.publish(sql, row.id, {
        at: now,
        by,
        decisionNumber: body.decisionNumber?.trim() || null,
        decisionDate: body.decisionDate ?? null,
        effectiveFrom: body.effectiveFrom ?? null,
      });
      await this.definitions.retireSuperseded(sql, key, today, now);
      return (await this.summaries([published], sql))[0]!;
    });
  }

  async get(key: string, version: number): Promise<DefinitionDto> {
    const row = await this.findRow(key, version, true);
    return { ...(await this.summaries([row]))[0]!, xml: row.xml ?? '' };
  }

  async list(query: {
    key?: string;
    status?: DefinitionStatus;
    limit: number;
    cursor?: string;
  }): Promise<PageDto<DefinitionSummaryDto>> {
    const after = query.cursor
      ? decodeCursor<{ key: string; version: number }>(query.cursor, ['key', 'version'])
      : undefined;
    const rows = await this.definitions.list({
      key: query.key,
      status: query.status,
      limit: query.limit,
      after,
    });
    const page = toPage(rows, query.limit, (r) => ({ key: r.key, version: r.version }));
    return { items: await this.summaries(page.items), nextCursor: page.nextCursor };
  }

  /** The versions of one key, newest first, with their publication (at most 200: versions are few). */
  async versions(key: string): Promise<DefinitionVersionDto[]> {
    const rows = await this.definitions.list({ key, limit: 200 });
    if (rows.length === 0) throw notFound('definition', key);
    const kept = rows.slice(0, 200);
    const [summaries, running] = await Promise.all([
      this.summaries(kept),
      this.definitions.runningDossiers(kept.map((r) => r.id)),
    ]);
    return summaries.map((s) => ({ ...s, runningDossiers: running.get(s.id) ?? 0 })).reverse();
  }

  /** Summaries, each marked whether it is the version its key's new dossiers start on today. */
  private async summaries(rows: DefinitionRow[], sql?: Sql): Promise<DefinitionSummaryDto[]> {
    const keys = [...new Set(rows.filter((r) => r.status === 'published').map((r) => r.key))];
    const inEffect = await this.definitions.inEffect(keys, vnDate(this.clock.now()), sql);
    return rows.map((r) => toSummary(r, inEffect.has(r.id)));
  }

  /** The version of a key in effect today (what new dossiers start on). */
  async published(key: string): Promise<{ id: string; version: number; graph: ProcessGraph }> {
    const row = await this.definitions.published(key, vnDate(this.clock.now()));
    if (row) return row;
    if (!(await this.definitions.exists(key))) throw notFound('definition', key);
    throw conflict(`Procedure "${key}" has no published version: publish one before receiving dossiers.`, {
      code: 'not-published',
    });
  }

  private async compileOrThrow(xml: string): Promise<{ graph: ProcessGraph; warnings: ValidationIssue[] }> {
    const { graph, issues } = await analyzeBpmn(xml);
    const errors = issues.filter((i) => i.severity === 'error');
    const asProblemErrors = errors.map((i) => ({
      elementId: i.elementId,
      code: i.code,
      message: i.message,
      messageVi: i.messageVi,
    }));
    if (errors.some((e) => UNREADABLE.has(e.code))) {
      throw badRequest(errors.map((e) => e.message).join(' '), undefined, {
        code: 'bpmn-unreadable',
        extra: { errors: asProblemErrors },
      });
    }
    if (!graph || errors.length > 0) {
      throw unprocessable(
        `The BPMN model is not executable: ${errors.length} problem(s). ${errors
          .slice(0, 3)
          .map((e) => (e.elementId ? `${e.elementId}: ${e.message}` : e.message))
          .join(' ')}`,
        undefined,
        { code: 'bpmn-invalid', extra: { errors: asProblemErrors } },
      );
    }
    return { graph, warnings: issues.filter((i) => i.severity === 'warning') };
  }

  private async findRow(key: string, version: number, withXml = false, sql?: Sql): Promise<DefinitionRow> {
    const row = await this.definitions.find(key, version, withXml, sql);
    if (!row) throw notFound('definition version', `${key} v${version}`);
    return row;
  }
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The decision is given whole or not at all; dates are real; the effective date is not in the past. */
function checkPublication(body: PublishDefinitionDto, effectiveFrom: string, today: string): void {
  const errors: Array<{ path: string; message: string }> = [];
  for (const field of ['decisionDate', 'effectiveFrom'] as const) {
    const value = body[field];
    if (value !== undefined && !isDay(value)) errors.push({ path: field, message: 'not a date YYYY-MM-DD' });
  }
  if (errors.length > 0)
    throw badRequest('decisionDate and effectiveFrom are dates written YYYY-MM-DD.', errors);
  const number = body.decisionNumber?.trim() ?? '';
  if ((number === '') !== (body.decisionDate === undefined)) {
    throw unprocessable(
      'Give both the number and the date of the publishing decision, or neither.',
      [{ path: number === '' ? 'decisionNumber' : 'decisionDate', message: 'required with the other' }],
      { code: 'decision-incomplete' },
    );
  }
  if (effectiveFrom < today) {
    throw unprocessable(
      `effectiveFrom ${effectiveFrom} is in the past (today is ${today} in Vietnam).`,
      [{ path: 'effectiveFrom', message: 'today or later' }],
      { code: 'effective-date-past' },
    );
  }
  if (body.decisionDate !== undefined && body.decisionDate > effectiveFrom) {
    throw unprocessable(
      'The decision cannot be dated after the day the version takes effect.',
      [{ path: 'decisionDate', message: 'on or before effectiveFrom' }],
      { code: 'decision-after-effect' },
    );
  }
}

function toSummary(row: DefinitionRow, inEffect: boolean): DefinitionSummaryDto {
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    name: row.name,
    procedureCode: row.procedure_code,
    legalTimeLimit: row.legal_time_limit,
    status: row.status,
    checksum: row.checksum,
    createdAt: iso(row.created_at) as string,
    createdBy: row.created_by,
    publishedAt: iso(row.published_at),
    publishedBy: row.published_by,
    decisionNumber: row.decision_number,
    decisionDate: row.decision_date,
    effectiveFrom: row.effective_from,
    retiredAt: iso(row.retired_at),
    inEffect,
  };
}
