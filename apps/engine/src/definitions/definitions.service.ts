import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { analyzeBpmn, type ProcessGraph, type ValidationIssue } from '@lienthong/bpmn';
import type {
  DefinitionDto,
  DefinitionStatus,
  DefinitionSummaryDto,
  DeployResultDto,
  PageDto,
} from '@lienthong/contracts';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import { decodeCursor, toPage } from '../common/pagination';
import { iso } from '../common/sql/sql-filter.util';
import { Clock } from '../common/clock/clock';
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
  async deploy(xml: string): Promise<DeployResultDto> {
    const { graph, warnings } = await this.compileOrThrow(xml);
    const checksum = createHash('sha256').update(xml).digest('hex');
    return this.db.transaction(async (sql) => {
      await this.definitions.lockKey(sql, graph.key);
      const latest = await this.definitions.latest(sql, graph.key);
      if (latest && latest.checksum === checksum) return { ...toSummary(latest), created: false, warnings };
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
      });
      return { ...toSummary(row), created: true, warnings };
    });
  }

  /** Publishes a version: it starts all new dossiers of its key; the previously published version is retired. */
  async publish(key: string, version: number): Promise<DefinitionSummaryDto> {
    return this.db.transaction(async (sql) => {
      await this.definitions.lockKey(sql, key);
      const row = await this.findRow(key, version, false, sql);
      if (row.status === 'published') return toSummary(row);
      const now = this.clock.now();
      await this.definitions.retirePublished(sql, key, now);
      return toSummary(await this.definitions.publish(sql, row.id, now));
    });
  }

  async get(key: string, version: number): Promise<DefinitionDto> {
    const row = await this.findRow(key, version, true);
    return { ...toSummary(row), xml: row.xml ?? '' };
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
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }

  /** The published version of a key (what new dossiers start on). */
  async published(key: string): Promise<{ id: string; version: number; graph: ProcessGraph }> {
    const row = await this.definitions.published(key);
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

function toSummary(row: DefinitionRow): DefinitionSummaryDto {
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
    publishedAt: iso(row.published_at),
  };
}
