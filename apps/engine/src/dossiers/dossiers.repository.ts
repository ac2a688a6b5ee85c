import { Injectable } from '@nestjs/common';
import type {
  ApplicantDto,
  ClockState,
  DeadlineStatusDto,
  DossierStatus,
  ExtensionDto,
  OutcomeDto,
} from '@lienthong/contracts';
import type { Variables } from '@lienthong/engine-core';
import { SqlFilter } from '../common/sql/sql-filter.util';
import { isUuid } from '../common/uuid.util';
import { Db, type Sql } from '../database/db.service';
import { ReadDb } from '../database/read-db.service';
import type { DossierRow } from '../runtime/dossier-row';

export interface DossierListRow {
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

export type DossierDetailRow = DossierRow & DossierListRow & { extension: ExtensionDto | null };

const LIST_COLUMNS = `d.id, d.code, d.definition_key, d.definition_version, def.name AS procedure_name, d.status, d.receiving_unit,
  d.applicant, d.channel, d.parent_id, d.created_at, d.ended_at, d.due_at, d.appointment_at, d.clock, d.deadline_status, d.outcome`;

/** What receiving a dossier needs: the published version, the desk and its e-identifier. */
export interface ReceiptRow {
  id: string | null;
  unit: string | null;
  e_identifier: string | null;
  any_version: boolean;
}

export interface HistoryRow {
  id: string;
  at: Date;
  type: string;
  node_id: string | null;
  task_id: string | null;
  actor: string | null;
  data: Variables | null;
}

/** Reads of dossiers and their history (commands write through the runtime's one statement). */
@Injectable()
export class DossiersRepository {
  constructor(
    private readonly db: Db,
    /** Lists may be a moment behind the commands: they can run on the read standby (ReadDb). */
    private readonly read: ReadDb,
  ) {}

  /** The published version of `key` and the receiving unit (given, or the procedure's own). */
  async findReceipt(key: string, receivingUnit: string | null): Promise<ReceiptRow | undefined> {
    const { rows } = await this.db.query<ReceiptRow>(
      `SELECT def.id, COALESCE($2, def.graph->>'receivingUnit') AS unit, u.e_identifier,
              EXISTS (SELECT 1 FROM definitions WHERE key = $1) AS any_version
         FROM (SELECT 1) one
         LEFT JOIN definitions def ON def.key = $1 AND def.status = 'published'
         LEFT JOIN units u ON u.code = COALESCE($2, def.graph->>'receivingUnit')`,
      [key, receivingUnit],
    );
    return rows[0];
  }

  /** A dossier by id or code, with `sql` (inside a command's transaction: its change visible). */
  async find(sql: Sql, idOrCode: string): Promise<DossierDetailRow | undefined> {
    const { rows } = await sql<DossierDetailRow>(
      `SELECT ${LIST_COLUMNS}, d.definition_id, d.state, d.revision, d.parent_call_id, d.deadlines, d.extension,
              d.extension IS NOT NULL AS extended
         FROM dossiers d JOIN definitions def ON def.id = d.definition_id
        WHERE d.${isUuid(idOrCode) ? 'id' : 'code'} = $1`,
      [idOrCode],
    );
    return rows[0];
  }

  /**
   * A page, newest first, before the cursor's, one more than `limit`; `visible` adds the caller's
   * visibility (Authz.visibleDossiers on alias d).
   */
  async list(
    query: {
      status?: DossierStatus;
      definitionKey?: string;
      receivingUnit?: string;
      /** Part of the code, any case (`%` and `_` taken literally). */
      code?: string;
      limit: number;
      after?: { createdAt: string; id: string };
    },
    visible: (filter: SqlFilter) => void,
  ): Promise<DossierListRow[]> {
    const filter = new SqlFilter()
      .addIf(query.status, 'd.status = ?')
      .addIf(query.definitionKey, 'd.definition_key = ?')
      .addIf(query.receivingUnit, 'd.receiving_unit = ?')
      .addIf(query.code?.trim() && `%${query.code.trim().replace(/[\\%_]/g, '\\$&')}%`, 'd.code ILIKE ?');
    visible(filter);
    if (query.after) {
      filter.add('(d.created_at, d.id) < (?::timestamptz, ?::uuid)', query.after.createdAt, query.after.id);
    }
    const { rows } = await this.read.query<DossierListRow>(
      `SELECT ${LIST_COLUMNS} FROM dossiers d JOIN definitions def ON def.id = d.definition_id ${filter.where}
        ORDER BY d.created_at DESC, d.id DESC LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return rows;
  }

  /** A page of the dossier's history after the event `afterId`, one more than `limit`. */
  async history(dossierId: string, afterId: string, limit: number): Promise<HistoryRow[]> {
    const { rows } = await this.db.query<HistoryRow>(
      `SELECT id::text, at, type, node_id, task_id, actor, data FROM history_events
        WHERE dossier_id = $1 AND id > $2::bigint ORDER BY history_events.id LIMIT $3`,
      [dossierId, afterId, limit + 1],
    );
    return rows;
  }
}
