import { Injectable } from '@nestjs/common';
import type { ProcessGraph } from '@lienthong/bpmn';
import type { ApplicantDto } from '@lienthong/contracts';
import type { Sql } from '../database/db.service';
import { DOSSIER_COLUMNS, type DossierRow } from './dossier-row';

export interface CachedDefinition {
  id: string;
  key: string;
  version: number;
  name: string;
  graph: ProcessGraph;
}

/** A published procedure a call activity starts, with its receiving unit and the parent's applicant. */
export interface CalledProcedureRow {
  id: string;
  unit: string;
  e_identifier: string | null;
  applicant: ApplicantDto;
}

/**
 * The runtime's reads, each with the caller's `sql` (a command's transaction, or the pool). Its write is
 * the one statement of dossier-write.ts.
 */
@Injectable()
export class RuntimeRepository {
  /** A dossier by id (`byId`) or code; `forUpdate` locks it. */
  async findDossier(
    sql: Sql,
    idOrCode: string,
    byId: boolean,
    forUpdate: boolean,
  ): Promise<DossierRow | undefined> {
    const { rows } = await sql<DossierRow>(
      `SELECT ${DOSSIER_COLUMNS} FROM dossiers d WHERE d.${byId ? 'id' : 'code'} = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [idOrCode],
    );
    return rows[0];
  }

  /** A compiled definition by id. */
  async definition(sql: Sql, id: string): Promise<CachedDefinition | undefined> {
    const { rows } = await sql<CachedDefinition>(
      `SELECT id, key, version, name, graph FROM definitions WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** The version in effect on `day` of the procedure a call activity of dossier `parentId` calls. */
  async calledProcedure(
    sql: Sql,
    calledElement: string,
    parentId: string,
    day: string,
  ): Promise<CalledProcedureRow | undefined> {
    const { rows } = await sql<CalledProcedureRow>(
      `SELECT def.id, COALESCE(def.graph->>'receivingUnit', p.receiving_unit) AS unit, u.e_identifier, p.applicant
         FROM (SELECT id, graph FROM definitions
                WHERE key = $1 AND status = 'published' AND (effective_from IS NULL OR effective_from <= $3::date)
                ORDER BY COALESCE(effective_from, (published_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) DESC, version DESC LIMIT 1) def
         JOIN dossiers p ON p.id = $2
         LEFT JOIN units u ON u.code = COALESCE(def.graph->>'receivingUnit', p.receiving_unit)`,
      [calledElement, parentId, day],
    );
    return rows[0];
  }

  /** The active dossiers a call activity of `parentId` started. */
  async activeChildren(sql: Sql, parentId: string, callId: string): Promise<DossierRow[]> {
    const { rows } = await sql<DossierRow>(
      `SELECT ${DOSSIER_COLUMNS} FROM dossiers d WHERE d.parent_id = $1 AND d.parent_call_id = $2 AND d.status = 'active'`,
      [parentId, callId],
    );
    return rows;
  }
}
