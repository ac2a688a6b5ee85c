import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { analyzeBpmn, type ProcessGraph, type ValidationIssue } from '@lienthong/bpmn';
import type {
  DefinitionDto,
  DefinitionStatus,
  DefinitionSummaryDto,
  DeployResultDto,
  PageDto,
} from '@lienthong/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { badRequest, conflict, notFound, unprocessable } from '../common/problem';
import { decodeCursor, toPage } from '../common/pagination';
import { iso, SqlFilter } from '../common/sql/sql-filter.util';
import { Clock } from '../common/clock/clock';

interface DefinitionRow {
  id: string;
  key: string;
  version: number;
  name: string;
  procedure_code: string | null;
  legal_time_limit: string | null;
  status: DefinitionStatus;
  checksum: string;
  created_at: Date;
  published_at: Date | null;
  xml?: string;
}

const SUMMARY_COLUMNS = `id, key, version, name, procedure_code, legal_time_limit, status, checksum, created_at, published_at`;
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
    @InjectDataSource() private readonly dataSource: DataSource,
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
    return this.dataSource.transaction(async (manager) => {
      await this.lockKey(manager, graph.key);
      const latest = (
        (await manager.query(
          `SELECT ${SUMMARY_COLUMNS} FROM definitions WHERE key = $1 ORDER BY version DESC LIMIT 1`,
          [graph.key],
        )) as DefinitionRow[]
      )[0];
      if (latest && latest.checksum === checksum) return { ...toSummary(latest), created: false, warnings };
      const rows = (await manager.query(
        `INSERT INTO definitions (id, key, version, name, procedure_code, legal_time_limit, status, xml, checksum, graph, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9, $10) RETURNING ${SUMMARY_COLUMNS}`,
        [
          randomUUID(),
          graph.key,
          (latest?.version ?? 0) + 1,
          graph.name,
          graph.procedureCode ?? null,
          graph.legalTimeLimit ?? null,
          xml,
          checksum,
          graph,
          this.clock.now(),
        ],
      )) as DefinitionRow[];
      return { ...toSummary(rows[0] as DefinitionRow), created: true, warnings };
    });
  }

  /** Publishes a version: it starts all new dossiers of its key; the previously published version is retired. */
  async publish(key: string, version: number): Promise<DefinitionSummaryDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockKey(manager, key);
      const row = await this.findRow(manager, key, version);
      if (row.status === 'published') return toSummary(row);
      const now = this.clock.now();
      await manager.query(
        `UPDATE definitions SET status = 'retired', retired_at = $2 WHERE key = $1 AND status = 'published'`,
        [key, now],
      );
      const rows = (await manager.query(
        `UPDATE definitions SET status = 'published', published_at = $2, retired_at = NULL WHERE id = $1 RETURNING ${SUMMARY_COLUMNS}`,
        [row.id, now],
      )) as [DefinitionRow[], number];
      return toSummary(rows[0][0] as DefinitionRow);
    });
  }

  async get(key: string, version: number): Promise<DefinitionDto> {
    const row = await this.findRow(this.dataSource.manager, key, version, true);
    return { ...toSummary(row), xml: row.xml ?? '' };
  }

  async list(query: {
    key?: string;
    status?: DefinitionStatus;
    limit: number;
    cursor?: string;
  }): Promise<PageDto<DefinitionSummaryDto>> {
    const filter = new SqlFilter().addIf(query.key, 'key = ?').addIf(query.status, 'status = ?');
    if (query.cursor) {
      const after = decodeCursor<{ key: string; version: number }>(query.cursor, ['key', 'version']);
      filter.add('(key, version) > (?, ?::int)', after.key, after.version);
    }
    const rows = (await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM definitions ${filter.where} ORDER BY key, version LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    )) as DefinitionRow[];
    const page = toPage(rows, query.limit, (r) => ({ key: r.key, version: r.version }));
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }

  /** The published version of a key (what new dossiers start on). */
  async published(key: string): Promise<{ id: string; version: number; graph: ProcessGraph }> {
    const rows = (await this.dataSource.query(
      `SELECT id, version, graph FROM definitions WHERE key = $1 AND status = 'published'`,
      [key],
    )) as Array<{ id: string; version: number; graph: ProcessGraph }>;
    const row = rows[0];
    if (row) return row;
    const exists = (await this.dataSource.query(`SELECT 1 FROM definitions WHERE key = $1 LIMIT 1`, [
      key,
    ])) as unknown[];
    if (exists.length === 0) throw notFound('definition', key);
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

  private async findRow(
    manager: EntityManager,
    key: string,
    version: number,
    withXml = false,
  ): Promise<DefinitionRow> {
    const rows = (await manager.query(
      `SELECT ${SUMMARY_COLUMNS}${withXml ? ', xml' : ''} FROM definitions WHERE key = $1 AND version = $2`,
      [key, version],
    )) as DefinitionRow[];
    const row = rows[0];
    if (!row) throw notFound('definition version', `${key} v${version}`);
    return row;
  }

  /** Serialises deploys and publications of one key. */
  private async lockKey(manager: EntityManager, key: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('definition:' || $1))`, [key]);
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
