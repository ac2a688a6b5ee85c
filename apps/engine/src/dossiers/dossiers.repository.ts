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
import { dailyNumberSql } from '../common/sql/daily-number.util';
import { SqlFilter } from '../common/sql/sql-filter.util';
import { isUuid } from '../common/uuid.util';
import { Db, type Sql } from '../database/db.service';
import { DATED, lifeOf } from '../database/partitions.repository';
import { ReadDb } from '../database/read-db.service';
import type { DossierRow } from '../runtime/dossier-row';
import { historyEvents } from '../runtime/history-entry';

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

/** A history event as the API shows it: its id is `<row>.<n>`, the n-th event of its command's row. */
const HISTORY_COLUMNS = `history_id::text || '.' || n AS id, at, type, node_id, task_id, actor, data`;

export interface HistoryRow {
  id: string;
  at: Date;
  type: string;
  node_id: string | null;
  task_id: string | null;
  actor: string | null;
  data: Variables | null;
}

/** `%text%` for ILIKE, `%`, `_` and a backslash taken literally; undefined for no text. */
export function likePattern(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? `%${trimmed.replace(/[\\%_]/g, '\\$&')}%` : undefined;
}

/**
 * The applicant's name of `row` (an alias of dossiers or reception_guidance) contains the pattern's
 * text, folded as the inbox's search folds (lienthong_fold: no diacritics, any case): "nguyen van an"
 * finds "Nguyễn Văn An".
 */
export const applicantNameLike = (row: string): string =>
  `lienthong_fold(${row}.applicant->>'name') LIKE lienthong_fold(?)`;

/** What the dossier view's diagram needs: the version's XML, where the dossier went, its late steps. */
export interface PathRow {
  xml: string;
  completed: string[];
  late: string[];
}

/**
 * Task `t` of definition `def` is a dossier's last step at the desk (its result's return): an open user
 * task of reception whose every outgoing flow ends the process.
 */
const RETURN_STEP = `t.status = 'active' AND t.kind = 'user' AND t.candidate_role = 'reception'
  AND jsonb_array_length(def.graph->'nodes'->t.node_id->'outgoing') > 0
  AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(def.graph->'nodes'->t.node_id->'outgoing') f(id)
                   WHERE def.graph->'nodes'->(def.graph->'flows'->f.id->>'target')->>'kind' IS DISTINCT FROM 'endEvent')`;

export type AwaitingReturnRow = DossierListRow & {
  task_id: string;
  step_name: string | null;
  waiting_since: Date;
};

/** Reads of dossiers and their history (commands write through the runtime's one statement). */
@Injectable()
export class DossiersRepository {
  constructor(
    private readonly db: Db,
    /** Lists may be a moment behind the commands: they can run on the read standby (ReadDb). */
    private readonly read: ReadDb,
  ) {}

  /**
   * The version of `key` in effect on `day` (Vietnam date: the latest published version whose effective
   * date has come) and the receiving unit (given, or the procedure's own).
   */
  async findReceipt(key: string, receivingUnit: string | null, day: string): Promise<ReceiptRow | undefined> {
    const { rows } = await this.db.query<ReceiptRow>(
      `SELECT def.id, COALESCE($2, def.graph->>'receivingUnit') AS unit, u.e_identifier,
              EXISTS (SELECT 1 FROM definitions WHERE key = $1) AS any_version
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (SELECT id, graph FROM definitions
                             WHERE key = $1 AND status = 'published' AND (effective_from IS NULL OR effective_from <= $3::date)
                             ORDER BY COALESCE(effective_from, (published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) DESC, version DESC LIMIT 1) def ON true
         LEFT JOIN units u ON u.code = COALESCE($2, def.graph->>'receivingUnit')`,
      [key, receivingUnit, day],
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
      /** Part of the applicant's name, any case, with or without diacritics (`%` and `_` literally). */
      applicant?: string;
      limit: number;
      after?: { createdAt: string; id: string };
    },
    visible: (filter: SqlFilter) => void,
  ): Promise<DossierListRow[]> {
    const filter = new SqlFilter()
      .addIf(query.status, 'd.status = ?')
      .addIf(query.definitionKey, 'd.definition_key = ?')
      .addIf(query.receivingUnit, 'd.receiving_unit = ?')
      .addIf(likePattern(query.code), 'd.code ILIKE ?')
      .addIf(likePattern(query.applicant), applicantNameLike('d'));
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

  /**
   * A page of the dossier's history after the event `after` (the `n`-th of history row `row`; 0.0 for
   * the first page), one more than `limit` (only the month partitions of its life, see DATED).
   */
  async history(dossierId: string, after: { row: string; n: number }, limit: number): Promise<HistoryRow[]> {
    const { rows } = await this.db.query<HistoryRow>(
      `SELECT ${HISTORY_COLUMNS} FROM history_events
        WHERE dossier_id = $1 AND ${DATED('$5', '$6')} AND history_id >= $2::bigint AND (history_id, n) > ($2::bigint, $3::int)
        ORDER BY history_id, n LIMIT $4`,
      [dossierId, after.row, after.n, limit + 1, ...(await lifeOf(this.db.query, dossierId))],
    );
    return rows;
  }

  /**
   * A refused dossier (not received: no process runs), with its official code from the unit's daily
   * sequence and its history event `refused`, in the caller's transaction; returns the code.
   */
  async insertRefused(
    sql: Sql,
    row: {
      id: string;
      definitionId: string;
      definitionKey: string;
      definitionVersion: number;
      receivingUnit: string;
      codePrefix: string;
      localDay: string;
      channel: string;
      applicant: ApplicantDto;
      state: unknown;
      reasons: string[];
      actor: string;
      now: Date;
    },
  ): Promise<string> {
    const { rows } = await sql<{ code: string }>(
      `WITH seq AS (INSERT INTO dossier_sequences (unit_code, day, last_value) VALUES ($1, $2, 1)
          ON CONFLICT (unit_code, day) DO UPDATE SET last_value = dossier_sequences.last_value + 1 RETURNING last_value),
       d AS (INSERT INTO dossiers (id, code, definition_id, definition_key, definition_version, status, receiving_unit, channel,
                                   applicant, state, variables, revision, created_at, updated_at, ended_at)
         SELECT $3, $4 || ${dailyNumberSql('seq.last_value')}, $5, $6, $7, 'refused', $1, $8, $9::jsonb, $10::jsonb, '{}'::jsonb,
                1, $11, $11, $11
           FROM seq RETURNING id, code),
       h AS (INSERT INTO history (dossier_id, at, actor, events) SELECT d.id, $11, $12, $13::jsonb FROM d)
       SELECT code FROM d`,
      [
        row.receivingUnit,
        row.localDay,
        row.id,
        row.codePrefix,
        row.definitionId,
        row.definitionKey,
        row.definitionVersion,
        row.channel,
        JSON.stringify(row.applicant),
        JSON.stringify(row.state),
        row.now,
        row.actor,
        historyEvents([{ type: 'refused', data: { reasons: row.reasons } }]),
      ],
    );
    return rows[0]!.code;
  }

  /**
   * The dossier's version XML, the nodes it reached whose last event was not a cancellation (the caller
   * removes those it waits at) and its steps finished late or overdue.
   */
  async path(dossierId: string): Promise<PathRow | undefined> {
    const { rows } = await this.db.query<PathRow>(
      `SELECT def.xml,
              ARRAY(SELECT node_id FROM (SELECT DISTINCT ON (h.node_id) h.node_id, h.type FROM history_events h
                                          WHERE h.dossier_id = d.id AND h.${DATED('$2', '$3')} AND h.node_id IS NOT NULL
                                          ORDER BY h.node_id, h.history_id DESC, h.n DESC) last
                     WHERE last.type <> 'node.cancelled') AS completed,
              ARRAY(SELECT DISTINCT t.node_id FROM tasks t
                     WHERE t.dossier_id = d.id AND (t.outcome = 'late' OR (t.status = 'active' AND t.deadline_status = 'overdue'))) AS late
         FROM dossiers d JOIN definitions def ON def.id = d.definition_id
        WHERE d.id = $1`,
      [dossierId, ...(await lifeOf(this.db.query, dossierId))],
    );
    return rows[0];
  }

  /** Every completed step's answer (history `task.completed` with data), oldest first. */
  async stepAnswers(dossierId: string): Promise<HistoryRow[]> {
    const { rows } = await this.db.query<HistoryRow>(
      `SELECT ${HISTORY_COLUMNS} FROM history_events
        WHERE dossier_id = $1 AND ${DATED('$2', '$3')} AND type = 'task.completed' AND data IS NOT NULL AND data <> '{}'::jsonb
        ORDER BY history_id, n`,
      [dossierId, ...(await lifeOf(this.db.query, dossierId))],
    );
    return rows;
  }

  /** When the dossier was received, and by whom (its first history event). */
  async received(dossierId: string): Promise<{ at: Date; actor: string | null } | undefined> {
    const { rows } = await this.db.query<{ at: Date; actor: string | null }>(
      `SELECT at, actor FROM history WHERE dossier_id = $1 AND ${DATED('$2', '$3')} ORDER BY history.id LIMIT 1`,
      [dossierId, ...(await lifeOf(this.db.query, dossierId))],
    );
    return rows[0];
  }

  /**
   * A page of the dossiers whose result waits at `unit`'s desk (see RETURN_STEP), longest waiting first,
   * after the cursor's, one more than `limit`; `q` is part of the code or of the applicant's name.
   */
  async awaitingReturn(query: {
    unit: string;
    q?: string;
    limit: number;
    after?: { since: string; id: string };
  }): Promise<AwaitingReturnRow[]> {
    const q = likePattern(query.q);
    const filter = new SqlFilter().add('t.unit = ?', query.unit).add(RETURN_STEP);
    // the dossier's folded search text (Inbox1764600000000): its code, applicant, id number, variables
    if (q) filter.add('d.search_text LIKE lienthong_fold(?)', q);
    if (query.after)
      filter.add('(t.created_at, t.id) > (?::timestamptz, ?::uuid)', query.after.since, query.after.id);
    const { rows } = await this.db.query<AwaitingReturnRow>(
      `SELECT ${LIST_COLUMNS}, t.id AS task_id, t.name AS step_name, t.created_at AS waiting_since
         FROM tasks t JOIN dossiers d ON d.id = t.dossier_id JOIN definitions def ON def.id = d.definition_id
         ${filter.where}
        ORDER BY t.created_at, t.id LIMIT ${filter.param(query.limit + 1)}`,
      filter.params,
    );
    return rows;
  }

  /** The open return step of a dossier (see RETURN_STEP), if its result waits at a desk. */
  async returnStep(dossierId: string): Promise<{ id: string; unit: string | null } | undefined> {
    const { rows } = await this.db.query<{ id: string; unit: string | null }>(
      `SELECT t.id, t.unit FROM tasks t JOIN dossiers d ON d.id = t.dossier_id JOIN definitions def ON def.id = d.definition_id
        WHERE t.dossier_id = $1 AND ${RETURN_STEP}
        ORDER BY t.created_at LIMIT 1`,
      [dossierId],
    );
    return rows[0];
  }
}
